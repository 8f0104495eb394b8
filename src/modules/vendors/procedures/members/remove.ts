import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { memberIdInput } from '../../contract.js';
import { removeMember } from '../../services/members.js';

export const removeMemberProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'DELETE', path: '/members/{memberId}', tags: ['members'],
      summary: 'Remove a member from the vendor',
      errorResponses: { 404: 'no such member in this vendor', 409: 'the vendor would be left without an active owner' },
    },
  })
  .input(memberIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await removeMember(ctx, input.memberId);
    return { ok: true as const };
  });
