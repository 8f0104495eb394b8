import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound } from '../../../core/errors.js';
import { unsafeSql, type Sql } from '../../../db/sql.js';
import { hasRole } from '../../../core/roles.js';
import type { StoreAccessRole } from '../contract.js';
import { StoreAccess, type IVendorMember } from '../entities.js';

/**
 * What a member may do in a store, with what each covers: `read` it, `sell` there or `manage` its
 * stock and items (adjust stock; create, edit and archive items and their images).
 */
export const storeCapabilities = {
  read: 'items, sales, reports',
  sell: 'sales, returns',
  manage: 'stock, items, images',
} as const;
export type StoreCapability = keyof typeof storeCapabilities;

/**
 * The one rule. Owners and admins may do everything in every store. Staff may do in a granted
 * store what the grant allows; viewers only read their granted stores, whatever the grant.
 * Every domain that touches store-scoped data asks this one place.
 */
export const grantCapabilities: Record<StoreAccessRole, readonly StoreCapability[]> = {
  view_only: ['read'],
  sales: ['read', 'sell'],
  manager: ['read', 'sell', 'manage'],
};

/** Every store (`all`), or the ids of the stores where the member has each capability. */
export type StoreScope = { all: true } | ({ all: false } & Record<StoreCapability, string[]>);

export async function storeScopeOf(em: EntityManager, member: IVendorMember | null): Promise<StoreScope> {
  // No member: the system (a script) acting for the vendor.
  if (!member || hasRole(member.role, 'admin')) return { all: true };
  const grants = await em.find(StoreAccess, { member, store: { isActive: true } });
  const capabilitiesOf = (role: StoreAccessRole): readonly StoreCapability[] => (member.role === 'staff' ? grantCapabilities[role] : ['read']);
  const storesThatCan = (capability: StoreCapability) => grants.filter((g) => capabilitiesOf(g.role).includes(capability)).map((g) => g.store.id);
  return { all: false, read: storesThatCan('read'), sell: storesThatCan('sell'), manage: storesThatCan('manage') };
}

export const canInStore = (scope: StoreScope, capability: StoreCapability, storeId: string): boolean =>
  scope.all || scope[capability].includes(storeId);

export const canReadStore = (scope: StoreScope, storeId: string): boolean => canInStore(scope, 'read', storeId);

/** A store outside the scope looks missing, exactly like another vendor's. */
export function assertCanReadStore(scope: StoreScope, storeId: string): void {
  if (!canReadStore(scope, storeId)) throw notFound('Store');
}

const refusals: Record<Exclude<StoreCapability, 'read'>, string> = {
  sell: 'Selling in this store needs a sales or manager grant',
  manage: 'Changing stock or items in this store needs a manager grant',
};

/** NOT_FOUND for a store the member cannot read, FORBIDDEN when they read it without the capability. */
export function assertCanInStore(scope: StoreScope, capability: Exclude<StoreCapability, 'read'>, storeId: string): void {
  assertCanReadStore(scope, storeId);
  if (!canInStore(scope, capability, storeId)) throw forbidden(refusals[capability]);
}

/** A query filter for store-scoped rows: undefined means "every store of the vendor". */
export const storesWith = (scope: StoreScope, capability: StoreCapability): string[] | undefined => (scope.all ? undefined : scope[capability]);

export const readableStoreIds = (scope: StoreScope): string[] | undefined => storesWith(scope, 'read');

/**
 * `storeScopeOf` + `canReadStore` in SQL, for statements built on `membershipCtes`: true when the
 * member reads every store or the store `column` is one of their readable stores.
 */
export const readableStoreSql = (column: string): Sql => unsafeSql(`((select all_stores from member) or ${column} in (select store_id from readable))`);
