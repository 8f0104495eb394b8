import { vendorProcedure } from '../../../trpc/procedures.js';
import { saleOutput, voidSaleInput } from '../contract.js';
import { voidSale } from '../services/void-sale.js';

export const voidSaleProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/sales/{id}/void', tags: ['sales'],
      summary: 'Void a sale: its unreturned units go back to stock',
      errorResponses: { 404: 'no such sale', 409: 'the sale is already voided' },
    },
  })
  .input(voidSaleInput)
  .output(saleOutput)
  .mutation(({ ctx, input }) => voidSale(ctx, input));
