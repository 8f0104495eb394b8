import { z } from 'zod';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto } from '../dto.js';
import { itemFields } from '../schemas.js';
import { createItem } from '../services/create-item.js';

export const createItemInput = z.object(itemFields).partial().required({ name: true, sku: true }).strict();

export const createItemProcedure = vendorProcedure
  .input(createItemInput)
  .mutation(async ({ ctx, input }) => toItemDto(await createItem(ctx.em, ctx, ctx.services.imageUrlPolicy, input)));
