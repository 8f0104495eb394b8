import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto } from '../dto.js';
import { itemFields } from '../schemas.js';
import { imagePolicyOf } from '../services/item-content.js';
import { updateItem } from '../services/update-item.js';

export const updateItemProcedure = vendorProcedure
  .input(z.object({ id: idSchema, expectedVersion: z.number().int().min(1).optional(), ...z.object(itemFields).partial().shape }).strict())
  .mutation(async ({ ctx, input }) => toItemDto(await updateItem(ctx.em, ctx, imagePolicyOf(ctx.services.config), input)));
