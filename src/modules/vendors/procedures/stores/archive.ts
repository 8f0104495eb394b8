import { vendorProcedure } from '../../../../trpc/procedures.js';
import { toStoreDto } from '../../dto.js';
import { storeIdInput } from '../../schemas.js';
import { archiveStore } from '../../services/stores.js';

export const archiveStoreProcedure = vendorProcedure
  .input(storeIdInput)
  .mutation(async ({ ctx, input }) => toStoreDto(await archiveStore(ctx.em, ctx.vendor, input.storeId)));
