import { vendorProcedure } from '../../../../trpc/procedures.js';
import { storeOutput, updateStoreInput } from '../../contract.js';
import { toStoreDto } from '../../dto.js';
import { updateStore } from '../../services/stores.js';

export const updateStoreProcedure = vendorProcedure
  .input(updateStoreInput)
  .output(storeOutput)
  .mutation(async ({ ctx, input }) => {
    const { storeId, ...changes } = input;
    return toStoreDto(await updateStore(ctx, storeId, changes));
  });
