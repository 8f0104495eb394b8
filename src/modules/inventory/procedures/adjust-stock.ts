import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto, toMovementDto } from '../dto.js';
import { movementReasons } from '../entities.js';
import { adjustStock } from '../services/adjust-stock.js';

export const adjustStockProcedure = vendorProcedure
  .input(
    z
      .object({
        id: idSchema,
        delta: z.number().int().min(-1_000_000).max(1_000_000).refine((delta) => delta !== 0, 'must not be 0'),
        reason: z.enum(movementReasons),
        note: z.string().trim().max(1000).nullable().optional(),
      })
      .strict(),
  )
  .mutation(async ({ ctx, input }) => {
    const { item, movement } = await adjustStock(ctx.em, ctx, input);
    return { item: toItemDto(item), movement: toMovementDto(movement) };
  });
