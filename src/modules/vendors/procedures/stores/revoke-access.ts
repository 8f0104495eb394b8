import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { revokeStoreAccessInput } from '../../contract.js';
import { revokeStoreAccess } from '../../services/store-access.js';

export const revokeStoreAccessProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'DELETE', path: '/stores/{storeId}/access/{memberId}', tags: ['stores'],
      summary: 'Revoke store access from a member',
      errorResponses: { 404: 'no such store or member in this vendor' },
    },
  })
  .input(revokeStoreAccessInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await revokeStoreAccess(ctx, input);
    return { ok: true as const };
  });
