import { vendorProcedure } from '../../../trpc/procedures.js';
import { createSaleInput, saleOutput } from '../contract.js';
import { createSale } from '../services/create-sale.js';

export const createSaleProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/sales', tags: ['sales'],
      summary: 'Sell: take the lines from stock and record the payments, all or nothing',
      errorResponses: {
        404: 'no such store or item in the stores you can see',
        409: 'not enough stock (available, shortItems), or an idempotency key used for another sale',
      },
    },
  })
  .input(createSaleInput)
  .output(saleOutput)
  .mutation(({ ctx, input }) => createSale(ctx, input));
