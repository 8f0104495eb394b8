import { vendorProcedure } from '../../../../trpc/procedures.js';
import { memberOutput, updateMemberRoleInput } from '../../contract.js';
import { toMemberDto } from '../../dto.js';
import { updateMemberRole } from '../../services/members.js';

export const updateMemberRoleProcedure = vendorProcedure
  .input(updateMemberRoleInput)
  .output(memberOutput)
  .mutation(async ({ ctx, input }) => toMemberDto(await updateMemberRole(ctx, input.memberId, input.role)));
