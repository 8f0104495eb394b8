import { z } from 'zod';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, priceChangeOutput } from '../contract.js';
import { listPriceHistory } from '../selectors/item-history.js';

export const priceHistoryProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/items/{id}/price-history', tags: ['items'],
      summary: 'An item\'s price changes, newest first',
      errorResponses: { 404: 'no such item in the stores you can see' },
    },
  })
  .input(itemIdInput)
  .output(z.array(priceChangeOutput))
  .query(({ ctx, input }) => listPriceHistory(ctx.em, ctx, input.id));
