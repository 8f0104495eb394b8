import { vendorOutput, createVendorInput } from '../contract.js';
import { authedProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';
import { createVendor } from '../services/create-vendor.js';

/** The caller becomes the owner and starts working in the new vendor (it becomes primary). */
export const createVendorProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/vendors', tags: ['vendors'],
      summary: 'Create a vendor; you become its owner and work in it',
    },
  })
  .input(createVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await createVendor(ctx, input)));
