import { vendorProcedure } from '../../../../trpc/procedures.js';
import { grantStoreAccessInput, storeGrantOutput } from '../../contract.js';
import { grantStoreAccess } from '../../services/store-access.js';

export const grantStoreAccessProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/stores/{storeId}/access', tags: ['stores'],
      summary: 'Grant a member access to a store',
      errorResponses: { 404: 'no such store or member in this vendor' },
    },
  })
  .input(grantStoreAccessInput)
  .output(storeGrantOutput)
  .mutation(({ ctx, input }) => grantStoreAccess(ctx, input));
