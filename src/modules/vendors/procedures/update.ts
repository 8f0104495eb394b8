import { vendorProcedure } from '../../../trpc/procedures.js';
import { updateVendorInput, vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';
import { updateVendor } from '../services/vendor-settings.js';

export const updateVendorProcedure = vendorProcedure
  .input(updateVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await updateVendor(ctx, input)));
