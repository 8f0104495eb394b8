import { vendorProcedure } from '../../../trpc/procedures.js';
import { importIdInput, importJobOutput } from '../contract.js';
import { getImportJob } from '../selectors/jobs.js';

export const getImportProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/imports/{id}', tags: ['imports'],
      summary: 'An import: status, progress, summary and its first 1,000 errors',
      errorResponses: { 404: 'no such import' },
    },
  })
  .input(importIdInput)
  .output(importJobOutput)
  .query(({ ctx, input }) => getImportJob(ctx.em, ctx.vendor.id, input.id));
