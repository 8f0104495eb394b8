import { vendorProcedure } from '../../../trpc/procedures.js';
import { slowMoversInput, slowMoversOutput } from '../contract.js';
import { slowMovers } from '../selectors/slow-movers.js';

export const slowMoversProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/reports/slow-movers', tags: ['reports'],
      summary: 'Items in stock without a sale for a number of days, with the value they tie up',
    },
  })
  .input(slowMoversInput)
  .output(slowMoversOutput)
  .query(({ ctx, input }) => slowMovers(ctx.em, ctx, input));
