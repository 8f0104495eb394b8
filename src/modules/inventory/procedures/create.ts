import { vendorProcedure } from '../../../trpc/procedures.js';
import { createItemInput, itemOutput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { createItem } from '../services/create-item.js';

export const createItemProcedure = vendorProcedure
  .input(createItemInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await createItem(ctx, input)));
