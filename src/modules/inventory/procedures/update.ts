import { vendorProcedure } from '../../../trpc/procedures.js';
import { discardImages } from '../../media/discard-images.js';
import { itemOutput, updateItemInput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { updateItem } from '../services/update-item.js';

export const updateItemProcedure = vendorProcedure
  .input(updateItemInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => {
    const { item, droppedImageUrls } = await updateItem(ctx.em, ctx, ctx.services.imageUrlPolicy, input);
    await discardImages(ctx.services, droppedImageUrls);
    return toItemDto(item);
  });
