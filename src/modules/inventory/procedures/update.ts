import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemOutput, updateItemInput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { updateItem } from '../services/update-item.js';

export const updateItemProcedure = vendorProcedure
  .input(updateItemInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await updateItem(ctx, input)));
