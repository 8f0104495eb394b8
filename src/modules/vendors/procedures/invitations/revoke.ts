import { vendorProcedure } from '../../../../trpc/procedures.js';
import { invitationIdInput } from '../../schemas.js';
import { revokeInvitation } from '../../services/invitations.js';

export const revokeInvitationProcedure = vendorProcedure.input(invitationIdInput).mutation(async ({ ctx, input }) => {
  await revokeInvitation(ctx.em, ctx.member, input.invitationId);
  return { ok: true as const };
});
