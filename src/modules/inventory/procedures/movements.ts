import { vendorProcedure } from '../../../trpc/procedures.js';
import { movementPageOutput, movementsInput } from '../contract.js';
import { listMovements } from '../selectors/item-history.js';

export const movementsProcedure = vendorProcedure
  .input(movementsInput)
  .output(movementPageOutput)
  .query(({ ctx, input }) => listMovements(ctx.em, ctx, input));
