import { vendorOutput, createVendorInput } from '../contract.js';
import { authedProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';
import { createVendor } from '../services/create-vendor.js';

/** The caller becomes the owner and starts working in the new vendor (it becomes primary). */
export const createVendorProcedure = authedProcedure
  .input(createVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await createVendor(ctx, input)));
