import { z } from 'zod';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, priceChangeOutput } from '../contract.js';
import { listPriceHistory } from '../selectors/item-history.js';

export const priceHistoryProcedure = vendorProcedure
  .input(itemIdInput)
  .output(z.array(priceChangeOutput))
  .query(({ ctx, input }) => listPriceHistory(ctx.em, ctx, input.id));
