import { authedProcedure } from '../../../trpc/procedures.js';
import { switchVendorInput, vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';
import { switchVendor } from '../services/vendor-settings.js';

export const switchVendorProcedure = authedProcedure
  .input(switchVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await switchVendor(ctx, input.vendorId)));
