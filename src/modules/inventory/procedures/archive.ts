import { vendorProcedure } from '../../../trpc/procedures.js';
import { toItemDto } from '../dto.js';
import { itemIdInput } from '../schemas.js';
import { setItemStatus } from '../services/item-status.js';

export const archiveItemProcedure = vendorProcedure
  .input(itemIdInput)
  .mutation(async ({ ctx, input }) => toItemDto(await setItemStatus(ctx.em, ctx, input.id, 'archived')));
