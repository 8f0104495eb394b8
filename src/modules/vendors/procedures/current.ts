import { vendorProcedure } from '../../../trpc/procedures.js';
import { toVendorDto } from '../dto.js';

export const currentVendorProcedure = vendorProcedure.query(({ ctx }) => toVendorDto(ctx.vendor));
