import { vendorProcedure } from '../../../../trpc/procedures.js';
import { memberOutput, updateMemberRoleInput } from '../../contract.js';
import { toMemberDto } from '../../dto.js';
import { updateMemberRole } from '../../services/members.js';

export const updateMemberRoleProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'PATCH', path: '/members/{memberId}', tags: ['members'],
      summary: 'Change a member\'s role',
      errorResponses: { 404: 'no such member in this vendor', 409: 'the vendor would be left without an active owner' },
    },
  })
  .input(updateMemberRoleInput)
  .output(memberOutput)
  .mutation(async ({ ctx, input }) => toMemberDto(await updateMemberRole(ctx, input.memberId, input.role)));
