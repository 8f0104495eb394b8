import { vendorProcedure } from '../../../trpc/procedures.js';
import { importErrorPageOutput, importErrorsInput } from '../contract.js';
import { listImportErrors } from '../selectors/jobs.js';

export const importErrorsProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/imports/{id}/errors', tags: ['imports'],
      summary: 'Every error of an import (row = file line, header = 1), paginated',
      errorResponses: { 404: 'no such import' },
    },
  })
  .input(importErrorsInput)
  .output(importErrorPageOutput)
  .query(({ ctx, input }) => listImportErrors(ctx.em, ctx.vendor.id, input));
