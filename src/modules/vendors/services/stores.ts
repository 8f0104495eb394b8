import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../../core/errors.js';
import { freeSlug } from '../../../core/slugs.js';
import type { storeTypes } from '../contract.js';
import { Store, type IVendor } from '../entities.js';

export interface StoreFields {
  name: string;
  type?: (typeof storeTypes)[number];
  address?: string | null;
}

export async function createStore(em: EntityManager, vendor: IVendor, input: StoreFields) {
  return em.transactional(async (tx) => {
    const slug = await freeSlug(tx, 'stores', { vendor_id: vendor.id }, input.name, 'store');
    return tx.create(Store, { vendor, name: input.name, slug, type: input.type ?? 'retail', address: input.address ?? null });
  });
}

/** A store of this vendor (archived ones included), else NOT_FOUND: foreign ids look missing. */
export async function findVendorStore(em: EntityManager, vendor: IVendor, storeId: string) {
  const store = await em.findOne(Store, { id: storeId, vendor });
  if (!store) throw notFound('Store');
  return store;
}

export async function updateStore(em: EntityManager, vendor: IVendor, storeId: string, changes: Partial<StoreFields>) {
  return em.transactional(async (tx) => {
    const store = await findVendorStore(tx, vendor, storeId);
    tx.assign(store, changes);
    return store;
  });
}

/** Archiving keeps the store and its stock history; the default store always stays open. */
export async function archiveStore(em: EntityManager, vendor: IVendor, storeId: string) {
  return em.transactional(async (tx) => {
    const store = await findVendorStore(tx, vendor, storeId);
    if (store.isDefault) throw conflict('The default store cannot be archived');
    store.isActive = false;
    return store;
  });
}
