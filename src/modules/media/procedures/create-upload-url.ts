import { vendorProcedure } from '../../../trpc/procedures.js';
import { createUploadUrlInput, createUploadUrlOutput } from '../contract.js';
import { createUploadUrl } from '../services/create-upload-url.js';

export const createUploadUrlProcedure = vendorProcedure
  .input(createUploadUrlInput)
  .output(createUploadUrlOutput)
  .mutation(({ ctx, input }) => createUploadUrl(ctx.em, ctx.services.storage, ctx.member, input));
