import { queryClient, trpc } from '../api/client';
import { invalidateItems } from '../inventory/invalidate';

/** After a sale, a void or a return: stock, the sales lists and every report figure are stale. */
export const invalidateSales = () =>
  Promise.all([
    invalidateItems(),
    queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }),
  ]);
