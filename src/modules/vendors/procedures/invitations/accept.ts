import { authedProcedure } from '../../../../trpc/procedures.js';
import { acceptedInvitationOutput, invitationRefInput } from '../../contract.js';
import { toMemberDto, toVendorDto } from '../../dto.js';
import { acceptInvitationByRef } from '../../services/invitations.js';

export const acceptInvitationProcedure = authedProcedure
  .input(invitationRefInput)
  .output(acceptedInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { vendor, member } = await acceptInvitationByRef(ctx, input);
    return { vendor: toVendorDto(vendor), member: toMemberDto(member) };
  });
