import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { memberIdInput } from '../../contract.js';
import { removeMember } from '../../services/members.js';

export const removeMemberProcedure = vendorProcedure
  .input(memberIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await removeMember(ctx, input.memberId);
    return { ok: true as const };
  });
