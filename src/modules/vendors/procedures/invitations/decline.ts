import { authedProcedure } from '../../../../trpc/procedures.js';
import { invitationRefInput } from '../../schemas.js';
import { declineInvitation } from '../../services/invitations.js';

export const declineInvitationProcedure = authedProcedure.input(invitationRefInput).mutation(async ({ ctx, input }) => {
  await declineInvitation(ctx.em, ctx.user, input);
  return { ok: true as const };
});
