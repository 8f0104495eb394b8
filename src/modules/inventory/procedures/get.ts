import { builtOutput } from '../../../trpc/output.js';
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
  // Built by the statement itself, as items.list's page: checked against the schema outside production.
  .output(builtOutput(itemOutput))
  .query(({ ctx, input }) => getItem(ctx.em, ctx.reader, input.id));
