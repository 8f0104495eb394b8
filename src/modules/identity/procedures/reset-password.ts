import { z } from 'zod';
import { secretTokenSchema } from '../../../core/secret-token.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { passwordSchema } from '../passwords.js';
import { resetPassword } from '../services/password-reset.js';

export const resetPasswordProcedure = publicProcedure
  .input(z.object({ token: secretTokenSchema, password: passwordSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.em, ctx.services.config.bcryptCost, input.token, input.password);
    return { ok: true as const };
  });
