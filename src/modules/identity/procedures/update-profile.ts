import { authedProcedure } from '../../../trpc/procedures.js';
import { meOutput, updateProfileInput } from '../contract.js';
import { selectMe } from '../selectors/me.js';
import { updateProfile } from '../services/update-profile.js';

export const updateProfileProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH', path: '/me', tags: ['users'],
      summary: 'Update your name and profile',
    },
  })
  .input(updateProfileInput)
  .output(meOutput)
  .mutation(async ({ ctx, input }) => {
    await updateProfile(ctx, input);
    return selectMe(ctx.em, ctx.user);
  });
