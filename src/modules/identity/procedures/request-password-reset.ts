import { z } from 'zod';
import { emailSchema } from '../../../core/text.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { deliver } from '../../mail/mailer.js';
import { passwordResetMail } from '../mail.js';
import { createPasswordReset } from '../services/password-reset.js';

/** Always `{ ok: true }`: the answer never tells whether an account exists. */
export const requestPasswordResetProcedure = publicProcedure
  .input(z.object({ email: emailSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimiter.passwordResetRequest(input.email, ctx.ip);
    const reset = await createPasswordReset(ctx.em, input.email);
    if (reset) await deliver(ctx.services.mailer, ctx.log, passwordResetMail(ctx.services.config, reset.user.email, reset.token));
    return { ok: true as const };
  });
