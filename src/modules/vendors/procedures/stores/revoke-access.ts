import { z } from 'zod';
import { idSchema } from '../../../../core/ids.js';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { revokeStoreAccess } from '../../services/store-access.js';

export const revokeStoreAccessProcedure = vendorProcedure
  .input(z.object({ storeId: idSchema, memberId: idSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    await revokeStoreAccess(ctx.em, ctx.vendor, input);
    return { ok: true as const };
  });
