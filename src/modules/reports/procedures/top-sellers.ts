import { vendorProcedure } from '../../../trpc/procedures.js';
import { topSellersInput, topSellersOutput } from '../contract.js';
import { topSellers } from '../selectors/sales-report.js';

export const topSellersProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/reports/top-sellers', tags: ['reports'],
      summary: 'The items of a period with the most units (or revenue) sold, net of returns',
    },
  })
  .input(topSellersInput)
  .output(topSellersOutput)
  .query(({ ctx, input }) => topSellers(ctx.em, ctx, input));
