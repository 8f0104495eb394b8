import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import type { IVendor, IVendorMember } from '../../vendors/entities.js';
import { Store } from '../../vendors/entities.js';
import { assertCanInStore, canReadStore, storeScopeOf, type StoreScope } from '../../vendors/selectors/store-scope.js';
import { Item } from '../entities.js';

/** Whose items: the vendor, and the member whose store access limits them (null: the system, every store). */
export interface VendorActor {
  vendor: IVendor;
  member: IVendorMember | null;
}

/**
 * One of the vendor's items in a store the actor can read, else NOT_FOUND (another vendor's item
 * and an item in an ungranted store look missing). With `write`, a store the actor does not
 * manage (a view_only or sales grant) is FORBIDDEN;
 * with `lock`, the row stays locked for the rest of the transaction, so a read-modify-write
 * (update, archive) cannot interleave with another write to the same item.
 */
export async function findItemInScope(em: EntityManager, actor: VendorActor, id: string, options: { write?: boolean; lock?: boolean } = {}) {
  const item = await em.findOne(Item, { id, vendor: actor.vendor }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  const scope = await storeScopeOf(em, actor.member);
  if (!item || !canReadStore(scope, item.store.id)) throw notFound('Item');
  if (options.write) assertCanInStore(scope, 'manage', item.store.id);
  return { item, scope };
}

/** An active store of the actor's vendor (default: the default store) where the actor may sell or manage stock. */
export async function findWritableStore(em: EntityManager, actor: VendorActor, scope: StoreScope, storeId: string | undefined, capability: 'sell' | 'manage' = 'manage') {
  // A reference, not a loaded entity: every caller needs only its id.
  const [store] = await em.execute<{ id: string }[]>(
    storeId ? 'select id from stores where vendor_id = ? and id = ? and is_active' : 'select id from stores where vendor_id = ? and is_default',
    storeId ? [actor.vendor.id, storeId] : [actor.vendor.id],
  );
  if (!store) throw notFound('Store');
  assertCanInStore(scope, capability, store.id);
  return em.getReference(Store, store.id);
}
