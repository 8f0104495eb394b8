import { vendorProcedure } from '../../../trpc/procedures.js';
import { createImportUploadUrlInput, createImportUploadUrlOutput } from '../contract.js';
import { createImportUploadUrl } from '../services/create-import.js';

export const createImportUploadUrlProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/imports/upload-urls', tags: ['imports'],
      summary: 'A signed URL to upload one CSV file (up to 50 MB) to import',
      errorResponses: { 403: 'no manager grant for any store' },
    },
  })
  .input(createImportUploadUrlInput)
  .output(createImportUploadUrlOutput)
  .mutation(({ ctx, input }) => createImportUploadUrl(ctx, input));
