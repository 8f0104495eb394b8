import { okOutput } from '../../../contract/common.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput } from '../contract.js';
import { deleteItem } from '../services/item-status.js';

export const deleteItemProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'DELETE', path: '/items/{id}', tags: ['items'],
      summary: 'Delete an item that was never sold, with its history',
      errorResponses: { 404: 'no such item in the stores you can see', 409: 'the item has been sold: archive it instead' },
    },
  })
  .input(itemIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteItem(ctx, input.id);
    return { ok: true as const };
  });
