import { publicProcedure } from '../../../trpc/procedures.js';
import { refreshTokenInput, tokensOutput } from '../contract.js';
import { rotateRefreshToken } from '../services/sessions.js';

export const refreshProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/refresh', tags: ['auth'],
      summary: 'Trade a refresh token for a new token pair (each refresh token works once)',
      errorResponses: { 401: 'an invalid, expired, revoked or reused refresh token' },
    },
  })
  .input(refreshTokenInput)
  .output(tokensOutput)
  .mutation(({ ctx, input }) => rotateRefreshToken(ctx, input.refreshToken));
