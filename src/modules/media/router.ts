import { router } from '../../trpc/procedures.js';
import { createUploadUrlProcedure } from './procedures/create-upload-url.js';

export const mediaRouter = router({
  createUploadUrl: createUploadUrlProcedure,
});
