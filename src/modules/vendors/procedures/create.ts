import { vendorOutput, createVendorInput } from '../contract.js';
import { authedProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';
import { createVendorWithOwner } from '../services/create-vendor.js';

/** The caller becomes the owner and starts working in the new vendor (it becomes primary). */
export const createVendorProcedure = authedProcedure
  .input(createVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => {
    const { vendor } = await ctx.em.transactional((tx) => createVendorWithOwner(tx, ctx.user, input));
    return toVendorDto(vendor);
  });
