import { z } from 'zod';
import { authedProcedure } from '../../../trpc/procedures.js';
import { selectMe } from '../selectors/me.js';
import { updateProfile } from '../services/update-profile.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const updateProfileProcedure = authedProcedure
  .input(
    z
      .object({
        firstName: optionalText(100),
        lastName: optionalText(100),
        phone: optionalText(40),
        bio: optionalText(5000),
        avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
        metadata: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  )
  .mutation(async ({ ctx, input }) => {
    await updateProfile(ctx.em, ctx.user, input);
    return selectMe(ctx.em, ctx.user);
  });
