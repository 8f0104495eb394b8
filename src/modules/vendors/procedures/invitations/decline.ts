import { okOutput } from '../../../../contract/common.js';
import { authedProcedure } from '../../../../trpc/procedures.js';
import { invitationRefInput } from '../../contract.js';
import { declineInvitation } from '../../services/invitations.js';

export const declineInvitationProcedure = authedProcedure
  .input(invitationRefInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await declineInvitation(ctx, input);
    return { ok: true as const };
  });
