import { vendorProcedure } from '../../../trpc/procedures.js';
import { vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';

export const currentVendorProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/vendors/current', tags: ['vendors'],
      summary: 'The vendor you work in',
    },
  })
  .output(vendorOutput)
  .query(({ ctx }) => toVendorDto(ctx.vendor));
