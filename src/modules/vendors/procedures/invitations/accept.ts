import { authedProcedure } from '../../../../trpc/procedures.js';
import { toMemberDto, toVendorDto } from '../../dto.js';
import { invitationRefInput } from '../../schemas.js';
import { acceptInvitationByRef } from '../../services/invitations.js';

export const acceptInvitationProcedure = authedProcedure.input(invitationRefInput).mutation(async ({ ctx, input }) => {
  const { vendor, member } = await acceptInvitationByRef(ctx.em, ctx.user, input);
  return { vendor: toVendorDto(vendor), member: toMemberDto(member) };
});
