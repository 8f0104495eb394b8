import { publicProcedure } from '../../../trpc/procedures.js';
import { registerInput, registerOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { register } from '../services/register.js';

export const registerProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/auth/register', tags: ['auth'],
      summary: 'Register: a new account with its own vendor (or joining one with an invitation token)',
      errorResponses: { 409: 'the email already has an account (field: email)', 429: 'too many registrations from this address or for this email (retryAfter)', 503: 'too many password checks queued on this server (retryAfter)' },
    },
  })
  .input(registerInput)
  .output(registerOutput)
  .mutation(async ({ ctx, input, signal }) => {
    await ctx.services.rateLimiter.registration(input.email, ctx.ip);
    const { user, vendor, tokens } = await register(ctx, input, signal);
    return { user: toUserDto(user), vendor: { id: vendor.id, name: vendor.name, slug: vendor.slug }, ...tokens };
  });
