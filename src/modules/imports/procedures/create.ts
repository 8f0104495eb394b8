import { vendorProcedure } from '../../../trpc/procedures.js';
import { createImportInput, importJobOutput } from '../contract.js';
import { createImport } from '../services/create-import.js';

export const createImportProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/imports', tags: ['imports'],
      summary: 'Start a CSV import (inline csv, or an uploadId from imports.createUploadUrl); it runs in the background',
      errorResponses: { 403: 'no manager grant for any store', 404: 'no such upload' },
    },
  })
  .input(createImportInput)
  .output(importJobOutput)
  .mutation(({ ctx, input }) => createImport(ctx, input));
