import { vendorProcedure } from '../../../trpc/procedures.js';
import { adjustStockInput, adjustStockOutput } from '../contract.js';
import { toItemDto, toMovementDto } from '../dto.js';
import { adjustStock } from '../services/adjust-stock.js';

export const adjustStockProcedure = vendorProcedure
  .input(adjustStockInput)
  .output(adjustStockOutput)
  .mutation(async ({ ctx, input }) => {
    const { item, movement } = await adjustStock(ctx, input);
    return { item: toItemDto(item), movement: toMovementDto(movement) };
  });
