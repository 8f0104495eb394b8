import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listStores } from '../../selectors/stores.js';

export const listStoresProcedure = vendorProcedure
  .input(z.object({ includeArchived: z.boolean().default(false) }).strict().optional())
  .query(({ ctx, input }) => listStores(ctx.em, ctx.vendor, { includeArchived: input?.includeArchived ?? false }));
