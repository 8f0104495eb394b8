import type { TRPCErrorShape } from '@trpc/server';

/** The error codes clients meet in `error.data.code` (tRPC) and in REST error bodies. */
export const appErrorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

/** One invalid input field: where it is and what is wrong with it. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** What `error.data` carries; every field but `code` and `httpStatus` depends on the error. */
export interface AppErrorData {
  code: AppErrorCode;
  httpStatus: number;
  /** The procedure, e.g. `items.update`. */
  path?: string;
  /** BAD_REQUEST: every invalid field with its path. */
  issues?: ValidationIssue[];
  /** CONFLICT on a duplicate: the field that must be unique (`sku`, `email`, ...). */
  field?: string;
  /** CONFLICT for missing stock: the units there are (of the first short item). */
  available?: number;
  /** CONFLICT for missing stock: every short item, the units asked for and the units there are. */
  shortItems?: { itemId: string; requested: number; available: number }[];
  /** TOO_MANY_REQUESTS / SERVICE_UNAVAILABLE: seconds to wait before trying again. */
  retryAfter?: number;
  /** CONFLICT on a stale `expectedVersion`: the version to reload. */
  currentVersion?: number;
}

/** The error shape of every procedure (tRPC's JSON-RPC code, a message for people, the data). */
export type AppErrorShape = TRPCErrorShape<AppErrorData>;

/** A REST error answer (/api/v1): the HTTP status is `httpStatus`, the body the message and tRPC's `error.data`. */
export type RestErrorBody = { message: string } & AppErrorData;
