import { initTRPC, type TRPCError } from '@trpc/server';
import type { AppErrorCode, AppErrorData, AppErrorShape, ValidationIssue } from '../contract/errors.js';
import type { ProcedureMeta } from '../contract/meta.js';
import { AppError, describeIssues } from '../core/errors.js';

/**
 * The context as tRPC's types (and so every client's `AppRouter`) see it: one opaque handle.
 * The server's real request context (src/trpc/context.ts: ORM, services, logger) travels inside
 * it and is unwrapped by the first middleware, so no server type ever reaches a client's build.
 */
export interface RootContext {
  readonly request: unknown;
}

const isValidationError = (cause: unknown): cause is { issues: { path: PropertyKey[]; message: string }[] } =>
  typeof cause === 'object' && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);

/** tRPC's transport-level codes, told to clients as the one of ours that means the same to them. */
const clientCodes: Partial<Record<TRPCError['code'], AppErrorCode>> = {
  PARSE_ERROR: 'BAD_REQUEST',
  METHOD_NOT_SUPPORTED: 'BAD_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_REQUEST',
  UNPROCESSABLE_CONTENT: 'BAD_REQUEST',
  PRECONDITION_FAILED: 'BAD_REQUEST',
  TIMEOUT: 'SERVICE_UNAVAILABLE',
  CLIENT_CLOSED_REQUEST: 'SERVICE_UNAVAILABLE',
  BAD_GATEWAY: 'SERVICE_UNAVAILABLE',
  GATEWAY_TIMEOUT: 'SERVICE_UNAVAILABLE',
  NOT_IMPLEMENTED: 'INTERNAL_SERVER_ERROR',
};

/** Plain JSON on the wire (no transformer); no stack traces; validation issues with field paths. */
export const t = initTRPC.context<RootContext>().meta<ProcedureMeta>().create({
  errorFormatter({ shape, error }): AppErrorShape {
    const cause = error.cause;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    // tRPC's adapter (and REST's JSON parser) refuse a body over the limit with no words of their own.
    const tooLarge = error.code === 'PAYLOAD_TOO_LARGE';
    const issues: ValidationIssue[] | undefined =
      !(cause instanceof AppError) && isValidationError(cause)
        ? cause.issues.map((i) => ({ path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)), message: i.message }))
        : undefined;
    const data: AppErrorData = {
      code: clientCodes[error.code] ?? (error.code as AppErrorCode),
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      ...(issues ? { issues } : {}),
      ...(cause instanceof AppError ? cause.data : {}),
    };
    return {
      code: shape.code,
      message: internal ? 'Internal server error' : tooLarge ? 'The request body is larger than the server accepts' : issues ? describeIssues(issues) : shape.message,
      data,
    };
  },
});
