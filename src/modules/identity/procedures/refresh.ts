import { z } from 'zod';
import { publicProcedure } from '../../../trpc/procedures.js';
import { rotateRefreshToken } from '../services/sessions.js';

export const refreshTokenInput = z.object({ refreshToken: z.string().min(1).max(2000) }).strict();

export const refreshProcedure = publicProcedure
  .input(refreshTokenInput)
  .mutation(({ ctx, input }) => rotateRefreshToken(ctx.em, ctx.services.config, input.refreshToken));
