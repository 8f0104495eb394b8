import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemOutput, updateItemInput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { updateItem } from '../services/update-item.js';

export const updateItemProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'PATCH', path: '/items/{id}', tags: ['items'],
      summary: 'Update an item (give expectedVersion to refuse a stale write)',
      errorResponses: { 404: 'no such item (or store) in the stores you can see', 409: 'the SKU is taken (field: sku), or expectedVersion is stale (currentVersion)' },
    },
  })
  .input(updateItemInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await updateItem(ctx, input)));
