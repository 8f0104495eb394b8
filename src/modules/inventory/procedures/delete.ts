import { discardImages } from '../../media/discard-images.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput } from '../schemas.js';
import { deleteItem } from '../services/item-status.js';

export const deleteItemProcedure = vendorProcedure.input(itemIdInput).mutation(async ({ ctx, input }) => {
  await discardImages(ctx.services, await deleteItem(ctx.em, ctx, input.id));
  return { ok: true as const };
});
