import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, itemOutput } from '../contract.js';
import { getItem } from '../selectors/item-contents.js';

export const getItemProcedure = vendorProcedure
  .input(itemIdInput)
  .output(itemOutput)
  .query(({ ctx, input }) => getItem(ctx.em, ctx, input.id));
