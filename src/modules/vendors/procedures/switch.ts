import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { authedProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';
import { switchVendor } from '../services/vendor-settings.js';

export const switchVendorProcedure = authedProcedure
  .input(z.object({ vendorId: idSchema }).strict())
  .mutation(async ({ ctx, input }) => toVendorDto(await switchVendor(ctx.em, ctx.user, input.vendorId)));
