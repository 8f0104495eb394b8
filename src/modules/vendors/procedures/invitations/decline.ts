import { okOutput } from '../../../../contract/common.js';
import { authedProcedure } from '../../../../trpc/procedures.js';
import { invitationRefInput } from '../../contract.js';
import { declineInvitation } from '../../services/invitations.js';

export const declineInvitationProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/invitations/decline', tags: ['invitations'],
      summary: 'Decline an invitation (by token, or by id for your own)',
      errorResponses: { 404: 'no such invitation for you (by id)' },
    },
  })
  .input(invitationRefInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await declineInvitation(ctx, input);
    return { ok: true as const };
  });
