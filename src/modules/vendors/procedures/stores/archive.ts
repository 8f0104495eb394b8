import { vendorProcedure } from '../../../../trpc/procedures.js';
import { storeIdInput, storeOutput } from '../../contract.js';
import { toStoreDto } from '../../dto.js';
import { archiveStore } from '../../services/stores.js';

export const archiveStoreProcedure = vendorProcedure
  .input(storeIdInput)
  .output(storeOutput)
  .mutation(async ({ ctx, input }) => toStoreDto(await archiveStore(ctx, input.storeId)));
