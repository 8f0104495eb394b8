import { builtOutput } from '../../../trpc/output.js';
import { vendorReadProcedure } from '../../../trpc/procedures.js';
import { itemPageOutput, listItemsInput } from '../contract.js';
import { listItems } from '../selectors/list-items.js';

export const listItemsProcedure = vendorReadProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/items', tags: ['items'],
      summary: 'List and search items, one page at a time',
    },
  })
  .input(listItemsInput.default({ status: 'active', sort: 'createdAt', order: 'desc', limit: 50 }))
  // Built by the statement itself: checked against the schema outside production (see builtOutput).
  .output(builtOutput(itemPageOutput))
  .query(({ ctx, input }) => listItems(ctx.em, ctx.reader, input));
