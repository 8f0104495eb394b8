import { vendorProcedure } from '../../../trpc/procedures.js';
import { inventoryValueInput, inventoryValueOutput } from '../contract.js';
import { inventoryValue } from '../selectors/inventory-value.js';

export const inventoryValueProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/reports/inventory-value', tags: ['reports'],
      summary: 'Units and value at cost, market and projected price, now or as of a past instant',
    },
  })
  .input(inventoryValueInput)
  .output(inventoryValueOutput)
  .query(({ ctx, input }) => inventoryValue(ctx.em, ctx, input));
