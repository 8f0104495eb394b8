import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { refreshTokenInput } from '../contract.js';
import { endSession } from '../services/sessions.js';
import { verifyRefreshToken } from '../tokens.js';

/** Revokes the whole session (the token's family); an expired token may still log out. */
export const logoutProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/logout', tags: ['auth'],
      summary: 'Log out: revoke the session of a refresh token',
      errorResponses: { 401: 'not a refresh token of this server' },
    },
  })
  .input(refreshTokenInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const claims = verifyRefreshToken(ctx.services.config, input.refreshToken, { allowExpired: true });
    await endSession(ctx, claims);
    return { ok: true as const };
  });
