import { vendorProcedure } from '../../../trpc/procedures.js';
import { importJobPageOutput, listImportsInput } from '../contract.js';
import { listImportJobs } from '../selectors/jobs.js';

export const listImportsProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/imports', tags: ['imports'],
      summary: 'The vendor\'s imports, newest first',
    },
  })
  .input(listImportsInput)
  .output(importJobPageOutput)
  .query(({ ctx, input }) => listImportJobs(ctx.em, ctx.vendor.id, input));
