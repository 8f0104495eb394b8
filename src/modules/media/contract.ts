import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { label } from '../../contract/text.js';

/** What a product image may be: the four web formats browsers render, at most 10 MB. */
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof imageTypes)[number];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** CSV files for imports: stored privately (never served), at most 50 MB. */
export const CSV_TYPE = 'text/csv';
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
/** What an upload URL may be for: a product image or an import file. */
export type UploadType = ImageType | typeof CSV_TYPE;

export const createUploadUrlInput = z
  .object({
    fileName: label(255),
    contentType: z.enum(imageTypes),
    size: z.number().int().min(1).max(MAX_IMAGE_BYTES, 'must be at most 10 MB'),
    itemId: idSchema.optional(),
  })
  .strict();

export const createUploadUrlOutput = z.object({
  uploadUrl: z.string(),
  /** Supabase's upload token (for `uploadToSignedUrl`); the local storage carries it in the URL. */
  token: z.string().optional(),
  path: z.string(),
  publicUrl: z.string(),
  expiresAt: timestampOutput,
});
