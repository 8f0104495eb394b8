import { router } from '../../trpc/procedures.js';
import { cancelImportProcedure } from './procedures/cancel.js';
import { createImportUploadUrlProcedure } from './procedures/create-upload-url.js';
import { createImportProcedure } from './procedures/create.js';
import { importErrorsProcedure } from './procedures/errors.js';
import { getImportProcedure } from './procedures/get.js';
import { listImportsProcedure } from './procedures/list.js';

export const importsRouter = router({
  create: createImportProcedure,
  createUploadUrl: createImportUploadUrlProcedure,
  get: getImportProcedure,
  list: listImportsProcedure,
  cancel: cancelImportProcedure,
  errors: importErrorsProcedure,
});
