import { publicProcedure } from '../../../trpc/procedures.js';
import { loginInput, loginOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { login } from '../services/login.js';

export const loginProcedure = publicProcedure
  .input(loginInput)
  .output(loginOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimiter.consume([`login:ip:${ctx.ip}`, `login:email:${input.email}`]);
    const { user, tokens } = await login(ctx.em, ctx.services.config, input.email, input.password);
    return { user: toUserDto(user), ...tokens };
  });
