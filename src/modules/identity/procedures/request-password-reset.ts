import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { deliver } from '../../mail/mailer.js';
import { requestPasswordResetInput } from '../contract.js';
import { passwordResetMail } from '../mail.js';
import { createPasswordReset } from '../services/password-reset.js';

/** Always `{ ok: true }`: the answer never tells whether an account exists. */
export const requestPasswordResetProcedure = publicProcedure
  .input(requestPasswordResetInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimiter.passwordResetRequest(input.email, ctx.ip);
    const reset = await createPasswordReset(ctx.em, input.email);
    if (reset) await deliver(ctx.services.mailer, ctx.log, passwordResetMail(ctx.services.config, reset.user.email, reset.token));
    return { ok: true as const };
  });
