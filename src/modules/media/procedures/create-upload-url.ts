import { vendorProcedure } from '../../../trpc/procedures.js';
import { createUploadUrlInput, createUploadUrlOutput } from '../contract.js';
import { createUploadUrl } from '../services/create-upload-url.js';

export const createUploadUrlProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'POST', path: '/media/upload-urls', tags: ['media'],
      summary: 'A signed URL to upload one product image to',
      errorResponses: { 404: 'no such item in the stores you can see' },
    },
  })
  .input(createUploadUrlInput)
  .output(createUploadUrlOutput)
  .mutation(({ ctx, input }) => createUploadUrl(ctx.em, ctx.services.storage, ctx.member, input));
