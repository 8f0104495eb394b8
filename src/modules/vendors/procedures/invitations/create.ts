import { vendorProcedure } from '../../../../trpc/procedures.js';
import { createdInvitationOutput, createInvitationInput } from '../../contract.js';
import { toInvitationDto } from '../../dto.js';
import { createInvitation } from '../../services/invitations.js';

export const createInvitationProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/invitations', tags: ['invitations'],
      summary: 'Invite someone by email (answers the token once)',
      errorResponses: { 409: 'they are already an active member (field: email)' },
    },
  })
  .input(createInvitationInput)
  .output(createdInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { invitation, token, mailed } = await createInvitation(ctx, input);
    return { ...toInvitationDto(invitation), token, mailed };
  });
