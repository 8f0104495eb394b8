import { vendorProcedure } from '../../../trpc/procedures.js';
import { itemIdInput, itemOutput } from '../contract.js';
import { toItemDto } from '../dto.js';
import { setItemStatus } from '../services/item-status.js';

export const archiveItemProcedure = vendorProcedure
  .input(itemIdInput)
  .output(itemOutput)
  .mutation(async ({ ctx, input }) => toItemDto(await setItemStatus(ctx, input.id, 'archived')));
