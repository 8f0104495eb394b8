import { publicProcedure } from '../../../trpc/procedures.js';
import { registerInput, registerOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { register } from '../services/register.js';

export const registerProcedure = publicProcedure
  .input(registerInput)
  .output(registerOutput)
  .mutation(async ({ ctx, input, signal }) => {
    await ctx.services.rateLimiter.registration(input.email, ctx.ip);
    const { user, vendor, tokens } = await register(ctx, input, signal);
    return { user: toUserDto(user), vendor: { id: vendor.id, name: vendor.name, slug: vendor.slug }, ...tokens };
  });
