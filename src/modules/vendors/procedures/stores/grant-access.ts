import { vendorProcedure } from '../../../../trpc/procedures.js';
import { grantStoreAccessInput, storeGrantOutput } from '../../contract.js';
import { grantStoreAccess } from '../../services/store-access.js';

export const grantStoreAccessProcedure = vendorProcedure
  .input(grantStoreAccessInput)
  .output(storeGrantOutput)
  .mutation(({ ctx, input }) => grantStoreAccess(ctx, input));
