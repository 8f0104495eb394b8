import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound } from '../../../core/errors.js';
import { hasRole } from '../../../core/roles.js';
import { StoreAccess, type IVendorMember } from '../entities.js';

/**
 * Which of the vendor's stores a member reaches. Owners and admins reach every store; staff and
 * viewers only the stores granted to them; view_only grants and viewers never write.
 * Every domain that touches store-scoped data asks this one place.
 */
export type StoreScope =
  | { all: true }
  | { all: false; readable: string[]; writable: string[] };

export async function storeScopeOf(em: EntityManager, member: IVendorMember | null): Promise<StoreScope> {
  // No member: the system (a script) acting for the vendor.
  if (!member || hasRole(member.role, 'admin')) return { all: true };
  const grants = await em.find(StoreAccess, { member, store: { isActive: true } });
  const canWrite = member.role === 'staff';
  return {
    all: false,
    readable: grants.map((g) => g.store.id),
    writable: canWrite ? grants.filter((g) => g.role !== 'view_only').map((g) => g.store.id) : [],
  };
}

export const canReadStore = (scope: StoreScope, storeId: string): boolean => scope.all || scope.readable.includes(storeId);

/** A store outside the scope looks missing, exactly like another vendor's. */
export function assertCanReadStore(scope: StoreScope, storeId: string): void {
  if (!canReadStore(scope, storeId)) throw notFound('Store');
}

export function assertCanWriteStore(scope: StoreScope, storeId: string): void {
  assertCanReadStore(scope, storeId);
  if (!scope.all && !scope.writable.includes(storeId)) throw forbidden('You have read-only access to this store');
}

/** A query filter for store-scoped rows: undefined means "every store of the vendor". */
export const readableStoreIds = (scope: StoreScope): string[] | undefined => (scope.all ? undefined : scope.readable);
