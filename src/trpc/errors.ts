import {
  CheckConstraintViolationException,
  DeadlockException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { TRPCError } from '@trpc/server';
import { AppError, serviceUnavailable } from '../core/errors.js';
import { isDatabaseUnavailable } from '../db/outage.js';

/**
 * The one error map: domain errors, database constraint violations, a write that kept losing
 * races and an unreachable database become tRPC codes; anything else stays INTERNAL_SERVER_ERROR, whose message the formatter hides
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
  if (cause instanceof DeadlockException) {
    // A deadlock or serialization failure reaches here only once write() has run out of retries
    // (src/db/write.ts): nothing was written, and the same call a moment later will most likely pass.
    return fromAppError(serviceUnavailable('The change kept colliding with concurrent ones; nothing was saved, try again shortly', 1));
  }
  if (isDatabaseUnavailable(cause)) {
    return fromAppError(new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly'));
  }
  return error;
}

const fromAppError = (cause: AppError) => new TRPCError({ code: cause.code, message: cause.message, cause });

/**
 * The input field a client can act on, for each unique constraint of the schema (a test checks
 * that every one is listed). The vendor or user columns of a constraint are context, not input.
 */
export const uniqueFields: Record<string, string> = {
  users_email_unique: 'email',
  user_profiles_user_id_unique: 'userId',
  password_resets_token_hash_unique: 'token',
  vendors_slug_unique: 'slug',
  vendor_members_vendor_id_user_id_unique: 'userId',
  vendor_members_one_primary_per_user: 'isPrimary',
  invitations_token_hash_unique: 'token',
  stores_vendor_id_slug_unique: 'slug',
  store_access_member_id_store_id_unique: 'memberId',
  items_vendor_id_lower_sku_unique: 'sku',
  card_details_item_id_unique: 'itemId',
  sales_vendor_id_number_unique: 'number',
  sales_vendor_id_idempotency_key_unique: 'idempotencyKey',
  sale_lines_sale_id_position_unique: 'lines',
  payments_sale_id_position_unique: 'payments',
};

function uniqueField(error: UniqueConstraintViolationException): string {
  const constraint = String((error as { constraint?: string }).constraint ?? '');
  return uniqueFields[constraint] ?? 'value';
}
