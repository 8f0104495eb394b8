import { vendorProcedure } from '../../../trpc/procedures.js';
import { movementPageOutput, movementsInput } from '../contract.js';
import { listMovements } from '../selectors/item-history.js';

export const movementsProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/items/{id}/movements', tags: ['items'],
      summary: 'An item\'s stock movements, newest first',
      errorResponses: { 404: 'no such item in the stores you can see' },
    },
  })
  .input(movementsInput)
  .output(movementPageOutput)
  .query(({ ctx, input }) => listMovements(ctx.em, ctx, input));
