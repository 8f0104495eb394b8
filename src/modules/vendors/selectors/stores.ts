import type { EntityManager } from '@mikro-orm/postgresql';
import { toStoreDto } from '../dto.js';
import { Store, type IVendor } from '../entities.js';
import { readableStoreIds, type StoreScope } from './store-scope.js';

/** The vendor's stores the member reaches (staff and viewers: only their granted ones). */
export async function listStores(em: EntityManager, vendor: IVendor, scope: StoreScope, options: { includeArchived: boolean }) {
  const ids = readableStoreIds(scope);
  const stores = await em.find(
    Store,
    { vendor, ...(ids ? { id: { $in: ids } } : {}), ...(options.includeArchived ? {} : { isActive: true }) },
    { orderBy: { isDefault: 'desc', name: 'asc' } },
  );
  return stores.map(toStoreDto);
}
