import { vendorProcedure } from '../../../trpc/procedures.js';
import { returnSaleInput, returnSaleOutput } from '../contract.js';
import { returnSale } from '../services/return-sale.js';

export const returnSaleProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/sales/{id}/returns', tags: ['sales'],
      summary: 'Take back some units of some lines, with a refund',
      errorResponses: {
        404: 'no such sale in the stores you can see',
        409: 'the sale is voided',
      },
    },
  })
  .input(returnSaleInput)
  .output(returnSaleOutput)
  .mutation(({ ctx, input }) => returnSale(ctx, input));
