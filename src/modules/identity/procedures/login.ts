import { publicProcedure } from '../../../trpc/procedures.js';
import { loginInput, loginOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { login } from '../services/login.js';

export const loginProcedure = publicProcedure
  .input(loginInput)
  .output(loginOutput)
  .mutation(async ({ ctx, input, signal }) => {
    const attempt = await ctx.services.rateLimiter.loginAttempt(input.email, ctx.ip);
    const { user, tokens } = await login(ctx, input.email, input.password, signal);
    await attempt.succeeded();
    return { user: toUserDto(user), ...tokens };
  });
