import { publicProcedure } from '../../../trpc/procedures.js';
import { refreshTokenInput, tokensOutput } from '../contract.js';
import { rotateRefreshToken } from '../services/sessions.js';

export const refreshProcedure = publicProcedure
  .input(refreshTokenInput)
  .output(tokensOutput)
  .mutation(({ ctx, input }) => rotateRefreshToken(ctx, input.refreshToken));
