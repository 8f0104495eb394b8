import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import type { IUser } from '../../identity/entities.js';
import { Store, type IVendor, type IVendorMember } from '../../vendors/entities.js';
import { assertCanWriteStore, canReadStore, storeScopeOf, type StoreScope } from '../../vendors/selectors/store-scope.js';
import { Item } from '../entities.js';

/** Who is acting: the slice of the vendor-tier context inventory needs. */
export interface Actor {
  user: IUser;
  vendor: IVendor;
  member: IVendorMember;
}

/**
 * One of the vendor's items in a store the actor can read, else NOT_FOUND (another vendor's item
 * and an item in an ungranted store look missing). With `write`, a read-only store is FORBIDDEN;
 * with `lock`, the row stays locked for the rest of the transaction, so a read-modify-write
 * (update, archive) cannot interleave with another write to the same item.
 */
export async function findItemInScope(em: EntityManager, actor: Actor, id: string, options: { write?: boolean; lock?: boolean } = {}) {
  const item = await em.findOne(Item, { id, vendor: actor.vendor }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  const scope = await storeScopeOf(em, actor.member);
  // An item in a store the actor cannot read looks missing, like another vendor's.
  if (!item || !canReadStore(scope, item.store.id)) throw notFound('Item');
  if (options.write) assertCanWriteStore(scope, item.store.id);
  return { item, scope };
}

/** An active store of the actor's vendor (default: the default store) that the actor may write to. */
export async function findWritableStore(em: EntityManager, actor: Actor, scope: StoreScope, storeId: string | undefined) {
  const store = await em.findOne(Store, storeId ? { id: storeId, vendor: actor.vendor, isActive: true } : { vendor: actor.vendor, isDefault: true });
  if (!store) throw notFound('Store');
  assertCanWriteStore(scope, store.id);
  return store;
}
