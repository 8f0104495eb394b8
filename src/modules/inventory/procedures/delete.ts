import { okOutput } from '../../../contract/common.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput } from '../contract.js';
import { deleteItem } from '../services/item-status.js';

export const deleteItemProcedure = vendorProcedure
  .input(itemIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteItem(ctx, input.id);
    return { ok: true as const };
  });
