import { vendorProcedure } from '../../../trpc/procedures.js';
import { saleIdInput, saleOutput } from '../contract.js';
import { getSale } from '../selectors/sales.js';

export const getSaleProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/sales/{id}', tags: ['sales'],
      summary: 'One sale with its lines, payments and returns',
      errorResponses: { 404: 'no such sale in the stores you can see' },
    },
  })
  .input(saleIdInput)
  .output(saleOutput)
  .query(({ ctx, input }) => getSale(ctx.em, ctx, input.id));
