import { z } from 'zod';
import { idSchema } from '../../../core/ids.js';
import { vendorProcedure } from '../../../trpc/procedures.js';
import { imageTypes, MAX_IMAGE_BYTES } from '../images.js';
import { createUploadUrl } from '../services/create-upload-url.js';

export const createUploadUrlProcedure = vendorProcedure
  .input(
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        contentType: z.enum(imageTypes),
        size: z.number().int().min(1).max(MAX_IMAGE_BYTES, 'must be at most 10 MB'),
        itemId: idSchema.optional(),
      })
      .strict(),
  )
  .mutation(({ ctx, input }) => createUploadUrl(ctx.em, ctx.services.storage, ctx.member, input));
