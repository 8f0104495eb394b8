import { okOutput } from '../../../../contract/common.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { revokeStoreAccessInput } from '../../contract.js';
import { revokeStoreAccess } from '../../services/store-access.js';

export const revokeStoreAccessProcedure = vendorProcedure
  .input(revokeStoreAccessInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await revokeStoreAccess(ctx, input);
    return { ok: true as const };
  });
