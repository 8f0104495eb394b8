import { vendorProcedure } from '../../../../trpc/procedures.js';
import { storeOutput, updateStoreInput } from '../../contract.js';
import { toStoreDto } from '../../dto.js';
import { updateStore } from '../../services/stores.js';

export const updateStoreProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'PATCH', path: '/stores/{storeId}', tags: ['stores'],
      summary: 'Update a store',
      errorResponses: { 404: 'no such store in this vendor' },
    },
  })
  .input(updateStoreInput)
  .output(storeOutput)
  .mutation(async ({ ctx, input }) => {
    const { storeId, ...changes } = input;
    return toStoreDto(await updateStore(ctx, storeId, changes));
  });
