import { vendorProcedure } from '../../../../trpc/procedures.js';
import { memberIdInput } from '../../schemas.js';
import { removeMember } from '../../services/members.js';

export const removeMemberProcedure = vendorProcedure.input(memberIdInput).mutation(async ({ ctx, input }) => {
  await removeMember(ctx.em, ctx.member, input.memberId);
  return { ok: true as const };
});
