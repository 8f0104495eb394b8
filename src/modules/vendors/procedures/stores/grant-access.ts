import { z } from 'zod';
import { idSchema } from '../../../../core/ids.js';
import { storeAccessRoles } from '../../../../core/roles.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { grantStoreAccess } from '../../services/store-access.js';

export const grantStoreAccessProcedure = vendorProcedure
  .input(z.object({ storeId: idSchema, memberId: idSchema, role: z.enum(storeAccessRoles) }).strict())
  .mutation(({ ctx, input }) => grantStoreAccess(ctx.em, ctx.vendor, input));
