import { z } from 'zod';
import { secretTokenSchema } from '../../../core/secret-token.js';
import { emailSchema } from '../../../core/text.js';
import { publicProcedure } from '../../../trpc/procedures.js';
import { toUserDto } from '../dto.js';
import { passwordSchema } from '../passwords.js';
import { register } from '../services/register.js';

export const registerInput = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    passwordConfirm: z.string(),
    vendorName: z.string().trim().min(1).max(255).optional(),
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    invitationToken: secretTokenSchema.optional(),
  })
  .strict()
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'does not match password' });

export const registerProcedure = publicProcedure.input(registerInput).mutation(async ({ ctx, input, signal }) => {
  await ctx.services.rateLimiter.registration(input.email, ctx.ip);
  const { user, vendor, tokens } = await register(ctx.em, ctx.services.config, input, signal);
  return { user: toUserDto(user), vendor: { id: vendor.id, name: vendor.name, slug: vendor.slug }, ...tokens };
});
