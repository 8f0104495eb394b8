import { vendorProcedure } from '../../../trpc/procedures.js';
import { importIdInput, importJobOutput } from '../contract.js';
import { cancelImport } from '../services/create-import.js';

export const cancelImportProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/imports/{id}/cancel', tags: ['imports'],
      summary: 'Cancel a queued or running import (a running apply rolls back)',
      errorResponses: { 403: 'no manager grant for any store', 404: 'no such import', 409: 'the import has already ended' },
    },
  })
  .input(importIdInput)
  .output(importJobOutput)
  .mutation(({ ctx, input }) => cancelImport(ctx, input.id));
