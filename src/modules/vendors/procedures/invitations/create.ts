import { vendorProcedure } from '../../../../trpc/procedures.js';
import { createdInvitationOutput, createInvitationInput } from '../../contract.js';
import { toInvitationDto } from '../../dto.js';
import { createInvitation } from '../../services/invitations.js';

export const createInvitationProcedure = vendorProcedure
  .input(createInvitationInput)
  .output(createdInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { invitation, token, mailed } = await createInvitation(ctx, input);
    return { ...toInvitationDto(invitation), token, mailed };
  });
