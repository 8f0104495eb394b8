import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../../core/errors.js';
import { freeSlug } from '../../../core/slugs.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf, pick } from '../../audit/changes.js';
import type { storeTypes } from '../contract.js';
import { Store, type IStore, type IVendor } from '../entities.js';

export interface StoreFields {
  name: string;
  type?: (typeof storeTypes)[number];
  address?: string | null;
}

const auditedFields = ['name', 'slug', 'type', 'address', 'isActive'] as const;
const snapshot = (store: IStore) => pick(store, auditedFields);

export function createStore(wc: VendorWriteContext, input: StoreFields) {
  return write(wc, async (tx) => {
    const slug = await freeSlug(tx.em, 'stores', { vendor_id: tx.vendor.id }, input.name, 'store');
    const store = tx.em.create(Store, { vendor: tx.vendor, name: input.name, slug, type: input.type ?? 'retail', address: input.address ?? null });
    tx.audit({ entity: 'Store', entityId: store.id, changes: changesOf(null, snapshot(store)) });
    return store;
  });
}

/** A store of this vendor (archived ones included), else NOT_FOUND: foreign ids look missing. */
export async function findVendorStore(em: EntityManager, vendor: IVendor, storeId: string) {
  const store = await em.findOne(Store, { id: storeId, vendor });
  if (!store) throw notFound('Store');
  return store;
}

export function updateStore(wc: VendorWriteContext, storeId: string, changes: Partial<StoreFields>) {
  return write(wc, async (tx) => {
    const store = await findVendorStore(tx.em, tx.vendor, storeId);
    const before = snapshot(store);
    tx.em.assign(store, changes);
    tx.audit({ entity: 'Store', entityId: store.id, changes: changesOf(before, snapshot(store)) });
    return store;
  });
}

/** Archiving keeps the store and its stock history; the default store always stays open. */
export function archiveStore(wc: VendorWriteContext, storeId: string) {
  return write(wc, async (tx) => {
    const store = await findVendorStore(tx.em, tx.vendor, storeId);
    if (store.isDefault) throw conflict('The default store cannot be archived');
    tx.audit({ entity: 'Store', entityId: store.id, changes: changesOf({ isActive: store.isActive }, { isActive: false }) });
    store.isActive = false;
    return store;
  });
}
