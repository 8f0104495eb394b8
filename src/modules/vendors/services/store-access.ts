import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoreAccessRole } from '../contract.js';
import { StoreAccess, type IVendor } from '../entities.js';
import { findActiveMember } from './memberships.js';
import { findVendorStore } from './stores.js';

export interface StoreGrant {
  storeId: string;
  memberId: string;
}

/** Grants (or changes) a member's access to one store; store and member must be this vendor's. */
export async function grantStoreAccess(em: EntityManager, vendor: IVendor, input: StoreGrant & { role: StoreAccessRole }) {
  return em.transactional(async (tx) => {
    const { store, member } = await findGrantParties(tx, vendor, input);
    const grant = (await tx.findOne(StoreAccess, { store, member })) ?? tx.create(StoreAccess, { store, member, role: input.role });
    grant.role = input.role;
    return { storeId: store.id, memberId: member.id, role: grant.role };
  });
}

/** Idempotent: revoking a grant that does not exist is not an error. */
export async function revokeStoreAccess(em: EntityManager, vendor: IVendor, input: StoreGrant) {
  await em.transactional(async (tx) => {
    const { store, member } = await findGrantParties(tx, vendor, input);
    await tx.nativeDelete(StoreAccess, { store, member });
  });
}

async function findGrantParties(tx: EntityManager, vendor: IVendor, input: StoreGrant) {
  const store = await findVendorStore(tx, vendor, input.storeId);
  const member = await findActiveMember(tx, vendor, input.memberId);
  return { store, member };
}
