import { vendorProcedure } from '../../../trpc/procedures.js';
import { createItemInput, itemOutput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { createItem } from '../services/create-item.js';

export const createItemProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/items', tags: ['items'],
      summary: 'Create an item',
      errorResponses: { 404: 'no such store in this vendor', 409: 'the SKU is taken in this vendor (field: sku)' },
    },
  })
  .input(createItemInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await createItem(ctx, input)));
