import { vendorProcedure } from '../../../trpc/procedures.js';
import { updateVendorInput, vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';
import { updateVendor } from '../services/vendor-settings.js';

export const updateVendorProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'PATCH', path: '/vendors/current', tags: ['vendors'],
      summary: 'Update the vendor\'s settings',
      errorResponses: { 409: 'a new lowStockThreshold could not recount the inventory totals within 3 s (a long import is writing items); try again' },
    },
  })
  .input(updateVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await updateVendor(ctx, input)));
