import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { requestPasswordResetInput } from '../contract.js';
import { requestPasswordReset } from '../services/password-reset.js';

/** Always `{ ok: true }`: the answer never tells whether an account exists. */
export const requestPasswordResetProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/password-reset-requests', tags: ['auth'],
      summary: 'Mail a password-reset link (always answers ok)',
      errorResponses: { 429: 'too many reset requests from this address or for this email (retryAfter)' },
    },
  })
  .input(requestPasswordResetInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimiter.passwordResetRequest(input.email, ctx.ip);
    await requestPasswordReset(ctx, input.email);
    return { ok: true as const };
  });
