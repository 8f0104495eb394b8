import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listStoresInput, storeOutput } from '../../contract.js';
import { storeScopeOf } from '../../selectors/store-scope.js';
import { listStores } from '../../selectors/stores.js';

export const listStoresProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/stores', tags: ['stores'],
      summary: 'The stores you can see',
    },
  })
  .input(listStoresInput)
  .output(z.array(storeOutput))
  .query(async ({ ctx, input }) =>
    listStores(ctx.em, ctx.vendor, await storeScopeOf(ctx.em, ctx.member), { includeArchived: input?.includeArchived ?? false }),
  );
