import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { invitationIdInput } from '../../contract.js';
import { revokeInvitation } from '../../services/invitations.js';

export const revokeInvitationProcedure = vendorProcedure
  .input(invitationIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx, input.invitationId);
    return { ok: true as const };
  });
