import { publicProcedure } from '../../../trpc/procedures.js';
import { registerInput, registerOutput } from '../contract.js';
import { toUserDto } from '../dto.js';
import { register } from '../services/register.js';

export const registerProcedure = publicProcedure
  .input(registerInput)
  .output(registerOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimiter.consume([`register:ip:${ctx.ip}`, `register:email:${input.email}`]);
    const { user, vendor, tokens } = await register(ctx, input);
    return { user: toUserDto(user), vendor: { id: vendor.id, name: vendor.name, slug: vendor.slug }, ...tokens };
  });
