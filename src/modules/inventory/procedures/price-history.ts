import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput } from '../schemas.js';
import { listPriceHistory } from '../selectors/item-history.js';

export const priceHistoryProcedure = vendorProcedure
  .input(itemIdInput)
  .query(({ ctx, input }) => listPriceHistory(ctx.em, ctx, input.id));
