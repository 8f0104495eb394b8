import type { EntityManager } from '@mikro-orm/postgresql';
import { toStoreDto } from '../dto.js';
import { Store, type IVendor } from '../entities.js';

export async function listStores(em: EntityManager, vendor: IVendor, options: { includeArchived: boolean }) {
  const stores = await em.find(
    Store,
    { vendor, ...(options.includeArchived ? {} : { isActive: true }) },
    { orderBy: { isDefault: 'desc', name: 'asc' } },
  );
  return stores.map(toStoreDto);
}
