import { queryClient, trpc } from '../api/client';

/** After any item write: lists, counts and the dashboard's figures are stale. */
export const invalidateItems = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() }),
  ]);
