import { authedProcedure } from '../../../../trpc/procedures.js';
import { acceptedInvitationOutput, invitationRefInput } from '../../contract.js';
import { toMemberDto, toVendorDto } from '../../dto.js';
import { acceptInvitationByRef } from '../../services/invitations.js';

export const acceptInvitationProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/invitations/accept', tags: ['invitations'],
      summary: 'Accept an invitation (by token, or by id for your own)',
      errorResponses: { 404: 'no such invitation for you (by id)', 409: 'you are already a member of that vendor' },
    },
  })
  .input(invitationRefInput)
  .output(acceptedInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { vendor, member } = await acceptInvitationByRef(ctx, input);
    return { vendor: toVendorDto(vendor), member: toMemberDto(member) };
  });
