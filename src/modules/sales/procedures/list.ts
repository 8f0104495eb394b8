import { vendorProcedure } from '../../../trpc/procedures.js';
import { listSalesInput, salePageOutput } from '../contract.js';
import { listSales } from '../selectors/sales.js';

export const listSalesProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/sales', tags: ['sales'],
      summary: 'Sales, newest first, in the stores you can see',
    },
  })
  .input(listSalesInput)
  .output(salePageOutput)
  .query(({ ctx, input }) => listSales(ctx.em, ctx, input));
