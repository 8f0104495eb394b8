import { z } from 'zod';
import { emailSchema } from '../../../core/text.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { toUserDto } from '../dto.js';
import { login } from '../services/login.js';

export const loginProcedure = publicProcedure
  .input(z.object({ email: emailSchema, password: z.string().min(1).max(200) }).strict())
  .mutation(async ({ ctx, input, signal }) => {
    const attempt = await ctx.services.rateLimiter.loginAttempt(input.email, ctx.ip);
    const { user, tokens } = await login(ctx.em, ctx.services.config, input.email, input.password, signal);
    await attempt.succeeded();
    return { user: toUserDto(user), ...tokens };
  });
