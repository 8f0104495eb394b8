import { authedProcedure } from '../../../trpc/procedures.js';
import { switchVendorInput, vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';
import { switchVendor } from '../services/vendor-settings.js';

export const switchVendorProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/vendors/{vendorId}/switch', tags: ['vendors'],
      summary: 'Work in another of your vendors (it becomes primary)',
      errorResponses: { 404: 'you are not an active member of that vendor' },
    },
  })
  .input(switchVendorInput)
  .output(vendorOutput)
  .mutation(async ({ ctx, input }) => toVendorDto(await switchVendor(ctx, input.vendorId)));
