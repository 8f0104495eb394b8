import { vendorReadProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, itemOutput } from '../contract.js';
import { getItem } from '../selectors/item-contents.js';

export const getItemProcedure = vendorReadProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/items/{id}', tags: ['items'],
      summary: 'One item',
      errorResponses: { 404: 'no such item in the stores you can see' },
    },
  })
  .input(itemIdInput)
  .output(itemOutput)
  .query(({ ctx, input }) => getItem(ctx.em, ctx.reader, input.id));
