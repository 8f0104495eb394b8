import { router } from '../../trpc/procedures.js';
import { inventoryValueProcedure } from './procedures/inventory-value.js';
import { salesReportProcedure } from './procedures/sales.js';
import { slowMoversProcedure } from './procedures/slow-movers.js';
import { topSellersProcedure } from './procedures/top-sellers.js';

export const reportsRouter = router({
  sales: salesReportProcedure,
  inventoryValue: inventoryValueProcedure,
  topSellers: topSellersProcedure,
  slowMovers: slowMoversProcedure,
});
