import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { paginationFields } from '../../../core/pagination.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { listMovements } from '../selectors/item-history.js';

export const movementsProcedure = vendorProcedure
  .input(z.object({ id: idSchema, ...paginationFields }).strict())
  .query(({ ctx, input }) => listMovements(ctx.em, ctx, input));
