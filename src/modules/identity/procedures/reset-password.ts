import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { resetPasswordInput } from '../contract.js';
import { resetPassword } from '../services/password-reset.js';

export const resetPasswordProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/password-resets', tags: ['auth'],
      summary: 'Set a new password with a reset token; revokes every session',
      errorResponses: { 503: 'too many password checks queued on this server (retryAfter)' },
    },
  })
  .input(resetPasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await resetPassword(ctx, input.token, input.password);
    return { ok: true as const };
  });
