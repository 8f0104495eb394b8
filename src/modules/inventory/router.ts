import { router } from '../../trpc/procedures.js';
import { adjustStockProcedure } from './procedures/adjust-stock.js';
import { archiveItemProcedure } from './procedures/archive.js';
import { createItemProcedure } from './procedures/create.js';
import { deleteItemProcedure } from './procedures/delete.js';
import { getItemProcedure } from './procedures/get.js';
import { listItemsProcedure } from './procedures/list.js';
import { movementsProcedure } from './procedures/movements.js';
import { overviewProcedure } from './procedures/overview.js';
import { priceHistoryProcedure } from './procedures/price-history.js';
import { restoreItemProcedure } from './procedures/restore.js';
import { updateItemProcedure } from './procedures/update.js';

export const itemsRouter = router({
  list: listItemsProcedure,
  get: getItemProcedure,
  create: createItemProcedure,
  update: updateItemProcedure,
  archive: archiveItemProcedure,
  restore: restoreItemProcedure,
  delete: deleteItemProcedure,
  adjustStock: adjustStockProcedure,
  movements: movementsProcedure,
  priceHistory: priceHistoryProcedure,
});

export const inventoryRouter = router({
  overview: overviewProcedure,
});
