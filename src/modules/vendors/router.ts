import { router } from '../../trpc/procedures.js';
import { createVendorProcedure } from './procedures/create.js';
import { currentVendorProcedure } from './procedures/current.js';
import { listVendorsProcedure } from './procedures/list.js';
import { archiveStoreProcedure } from './procedures/stores/archive.js';
import { createStoreProcedure } from './procedures/stores/create.js';
import { listStoresProcedure } from './procedures/stores/list.js';
import { updateStoreProcedure } from './procedures/stores/update.js';
import { switchVendorProcedure } from './procedures/switch.js';
import { updateVendorProcedure } from './procedures/update.js';

export const vendorsRouter = router({
  current: currentVendorProcedure,
  update: updateVendorProcedure,
  list: listVendorsProcedure,
  create: createVendorProcedure,
  switch: switchVendorProcedure,
});

export const storesRouter = router({
  list: listStoresProcedure,
  create: createStoreProcedure,
  update: updateStoreProcedure,
  archive: archiveStoreProcedure,
});
