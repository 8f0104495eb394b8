import { publicProcedure } from '../../../trpc/procedures.js';
import { loginInput, loginOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { login } from '../services/login.js';

export const loginProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/login', tags: ['auth'],
      summary: 'Log in with email and password',
      errorResponses: { 401: 'wrong email or password, or a disabled account', 429: 'too many failed logins (retryAfter)', 503: 'too many password checks queued on this server (retryAfter)' },
    },
  })
  .input(loginInput)
  .output(loginOutput)
  .mutation(async ({ ctx, input, signal }) => {
    const attempt = await ctx.services.rateLimiter.loginAttempt(input.email, ctx.ip);
    const { user, tokens } = await login(ctx, input.email, input.password, signal);
    await attempt.succeeded();
    return { user: toUserDto(user), ...tokens };
  });
