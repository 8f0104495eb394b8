import { vendorProcedure } from '../../../trpc/procedures.js';
import { overviewOutput } from '../contract.js';
import { inventoryOverview } from '../selectors/overview.js';

export const overviewProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/inventory/overview', tags: ['inventory'],
      summary: 'Stock figures and values, in all and per store and category',
    },
  })
  .output(overviewOutput)
  .query(({ ctx }) => inventoryOverview(ctx.em, ctx));
