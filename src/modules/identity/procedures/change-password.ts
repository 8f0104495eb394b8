import { z } from 'zod';
import { authedProcedure } from '../../../trpc/procedures.js';
import { passwordSchema } from '../passwords.js';
import { changePassword } from '../services/change-password.js';

export const changePasswordProcedure = authedProcedure
  .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    const attempt = await ctx.services.rateLimiter.passwordChangeAttempt(ctx.user.id);
    await changePassword(ctx.em, ctx.services.config.bcryptCost, ctx.user, ctx.sessionId, input);
    await attempt.succeeded();
    return { ok: true as const };
  });
