import { vendorProcedure } from '../../../../trpc/procedures.js';
import { storeIdInput, storeOutput } from '../../contract.js';
import { toStoreDto } from '../../dto.js';
import { archiveStore } from '../../services/stores.js';

export const archiveStoreProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/stores/{storeId}/archive', tags: ['stores'],
      summary: 'Archive a store',
      errorResponses: { 404: 'no such store in this vendor', 409: 'the default store cannot be archived' },
    },
  })
  .input(storeIdInput)
  .output(storeOutput)
  .mutation(async ({ ctx, input }) => toStoreDto(await archiveStore(ctx, input.storeId)));
