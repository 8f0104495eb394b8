import { z } from 'zod';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';
import { vendorFields } from '../schemas.js';
import { updateVendor } from '../services/vendor-settings.js';

export const updateVendorProcedure = vendorProcedure
  .input(z.object(vendorFields).partial().strict())
  .mutation(async ({ ctx, input }) => toVendorDto(await updateVendor(ctx.em, ctx.vendor, input)));
