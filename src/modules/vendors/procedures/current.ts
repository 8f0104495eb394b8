import { vendorProcedure } from '../../../trpc/procedures.js';
import { vendorOutput } from '../contract.js';
import { toVendorDto } from '../dto.js';

export const currentVendorProcedure = vendorProcedure.output(vendorOutput).query(({ ctx }) => toVendorDto(ctx.vendor));
