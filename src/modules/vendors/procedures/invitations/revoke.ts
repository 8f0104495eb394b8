import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { invitationIdInput } from '../../contract.js';
import { revokeInvitation } from '../../services/invitations.js';

export const revokeInvitationProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/invitations/{invitationId}/revoke', tags: ['invitations'],
      summary: 'Revoke a pending invitation',
      errorResponses: { 404: 'no such invitation in this vendor', 409: 'the invitation is no longer pending' },
    },
  })
  .input(invitationIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx, input.invitationId);
    return { ok: true as const };
  });
