import { TRPCError } from '@trpc/server';
import { changePasswordProcedure } from './procedures/change-password.js';
import { loginProcedure } from './procedures/login.js';
import { registerProcedure } from './procedures/register.js';
import { resetPasswordProcedure } from './procedures/reset-password.js';

/** The procedures that run bcrypt, the costliest work a client can ask for. */
const passwordProcedures: ReadonlySet<unknown> = new Set([loginProcedure, registerProcedure, changePasswordProcedure, resetPasswordProcedure]);

/** One batched request runs bcrypt for at most one call: a batch with two such calls is refused whole. */
export function assertOnePasswordCall(calls: readonly { procedure: unknown }[]): void {
  if (calls.filter((call) => passwordProcedures.has(call.procedure)).length > 1) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A request may carry only one login, registration or password change; send them one at a time',
    });
  }
}
