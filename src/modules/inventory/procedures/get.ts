import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto } from '../dto.js';
import { itemIdInput } from '../schemas.js';
import { findItemInScope } from '../services/item-access.js';

export const getItemProcedure = vendorProcedure.input(itemIdInput).query(async ({ ctx, input }) => {
  const { item } = await findItemInScope(ctx.em, ctx, input.id);
  await ctx.em.populate(item, ['cardDetails', 'images']);
  return toItemDto(item);
});
