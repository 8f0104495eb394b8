import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { TRPCError } from '@trpc/server';
import { AppError } from '../core/errors.js';
import { isDatabaseUnavailable } from '../db/outage.js';

/**
 * The one error map: domain errors, database constraint violations and an unreachable database
 * become tRPC codes; anything else stays INTERNAL_SERVER_ERROR, whose message the formatter hides
 * from clients.
 */
export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof UniqueConstraintViolationException) {
    const field = uniqueField(cause);
    return fromAppError(new AppError('CONFLICT', `${field} is already taken`, { field }));
  }
  if (cause instanceof ForeignKeyConstraintViolationException) {
    return fromAppError(new AppError('NOT_FOUND', 'A referenced record was not found'));
  }
  if (cause instanceof CheckConstraintViolationException || cause instanceof NotNullConstraintViolationException) {
    return fromAppError(new AppError('BAD_REQUEST', 'A value is out of range'));
  }
  if (isDatabaseUnavailable(cause)) {
    return fromAppError(new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly'));
  }
  return error;
}

const fromAppError = (cause: AppError) => new TRPCError({ code: cause.code, message: cause.message, cause });

/**
 * Unique constraints are named `<table>_<columns>_unique` by MikroORM; the field a client can
 * act on is the last column (`items_vendor_id_lower_sku_unique` → `sku`).
 */
function uniqueField(error: UniqueConstraintViolationException): string {
  const constraint = String((error as { constraint?: string }).constraint ?? '');
  const table = String((error as { table?: string }).table ?? '');
  const columns = constraint.replace(`${table}_`, '').replace(/_unique$/, '').split('_');
  const column = columns.at(-1) || 'value';
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
