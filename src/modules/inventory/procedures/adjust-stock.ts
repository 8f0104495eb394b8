import { vendorProcedure } from '../../../trpc/procedures.js';
import { adjustStockInput, adjustStockOutput } from '../contract.js';
import { toMovementDto } from '../dto.js';
import { adjustStock } from '../services/adjust-stock.js';

export const adjustStockProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/items/{id}/stock-adjustments', tags: ['items'],
      summary: 'Add or remove units, recorded as a stock movement',
      errorResponses: { 404: 'no such item in the stores you can see', 409: 'not enough stock (available)' },
    },
  })
  .input(adjustStockInput)
  .output(adjustStockOutput)
  .mutation(async ({ ctx, input }) => {
    const { item, movement } = await adjustStock(ctx, input);
    return { item, movement: toMovementDto(movement) };
  });
