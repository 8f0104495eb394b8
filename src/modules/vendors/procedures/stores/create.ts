import { vendorProcedure } from '../../../../trpc/procedures.js';
import { createStoreInput, storeOutput } from '../../contract.js';
import { toStoreDto } from '../../dto.js';
import { createStore } from '../../services/stores.js';

export const createStoreProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/stores', tags: ['stores'],
      summary: 'Create a store',
    },
  })
  .input(createStoreInput)
  .output(storeOutput)
  .mutation(async ({ ctx, input }) => toStoreDto(await createStore(ctx, input)));
