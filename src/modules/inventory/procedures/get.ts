import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput } from '../schemas.js';
import { getItem } from '../selectors/item-contents.js';

export const getItemProcedure = vendorProcedure.input(itemIdInput).query(({ ctx, input }) => getItem(ctx.em, ctx, input.id));
