import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, itemOutput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { setItemStatus } from '../services/item-status.js';

export const archiveItemProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/items/{id}/archive', tags: ['items'],
      summary: 'Archive an item',
      errorResponses: { 404: 'no such item in the stores you can see' },
    },
  })
  .input(itemIdInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await setItemStatus(ctx, input.id, 'archived')));
