import { okOutput } from '../../../contract/common.js';
import { authedProcedure } from '../../../trpc/procedures.js';
import { changePasswordInput } from '../contract.js';
import { changePassword } from '../services/change-password.js';

export const changePasswordProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/me/password', tags: ['users'],
      summary: 'Change your password; revokes your other sessions',
      errorResponses: { 429: 'too many wrong current passwords (retryAfter)', 503: 'too many password checks queued on this server (retryAfter)' },
    },
  })
  .input(changePasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const attempt = await ctx.services.rateLimiter.passwordChangeAttempt(ctx.user.id);
    await changePassword(ctx, ctx.sessionId, input);
    await attempt.succeeded();
    return { ok: true as const };
  });
