import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { resetPasswordInput } from '../contract.js';
import { resetPassword } from '../services/password-reset.js';

export const resetPasswordProcedure = publicProcedure
  .input(resetPasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await resetPassword(ctx, input.token, input.password);
    return { ok: true as const };
  });
