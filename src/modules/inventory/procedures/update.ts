import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto } from '../dto.js';
import { itemFields } from '../schemas.js';
import { discardImages } from '../../media/discard-images.js';
import { updateItem } from '../services/update-item.js';

export const updateItemProcedure = vendorProcedure
  .input(z.object({ id: idSchema, expectedVersion: z.number().int().min(1).optional(), ...z.object(itemFields).partial().shape }).strict())
  .mutation(async ({ ctx, input }) => {
    const { item, droppedImageUrls } = await updateItem(ctx.em, ctx, ctx.services.imageUrlPolicy, input);
    await discardImages(ctx.services, droppedImageUrls);
    return toItemDto(item);
  });
