import { okOutput } from '../../../contract/common.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { refreshTokenInput } from '../contract.js';
import { endSession } from '../services/sessions.js';
import { verifyRefreshToken } from '../tokens.js';

/** Revokes the whole session (the token's family); an expired token may still log out. */
export const logoutProcedure = publicProcedure
  .input(refreshTokenInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const claims = verifyRefreshToken(ctx.services.config, input.refreshToken, { allowExpired: true });
    await endSession(ctx, claims);
    return { ok: true as const };
  });
