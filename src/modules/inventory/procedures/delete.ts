import { okOutput } from '../../../contract/common.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { discardImages } from '../../media/discard-images.js';
import { itemIdInput } from '../contract.js';
import { deleteItem } from '../services/item-status.js';

export const deleteItemProcedure = vendorProcedure
  .input(itemIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await discardImages(ctx.services, await deleteItem(ctx.em, ctx, input.id));
    return { ok: true as const };
  });
