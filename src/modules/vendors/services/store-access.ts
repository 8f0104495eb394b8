import type { EntityManager } from '@mikro-orm/postgresql';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { StoreAccessRole } from '../contract.js';
import { StoreAccess, type IVendor } from '../entities.js';
import { findActiveMember } from './memberships.js';
import { findVendorStore } from './stores.js';

export interface StoreGrant {
  storeId: string;
  memberId: string;
}

/** Grants (or changes) a member's access to one store; store and member must be this vendor's. */
export function grantStoreAccess(wc: VendorWriteContext, input: StoreGrant & { role: StoreAccessRole }) {
  return write(wc, async (tx) => {
    const { store, member } = await findGrantParties(tx.em, tx.vendor, input);
    const existing = await tx.em.findOne(StoreAccess, { store, member });
    const grant = existing ?? tx.em.create(StoreAccess, { store, member, role: input.role });
    const parties = { storeId: store.id, memberId: member.id };
    tx.audit({ entity: 'StoreAccess', entityId: grant.id, changes: changesOf(existing && { ...parties, role: existing.role }, { ...parties, role: input.role }) });
    grant.role = input.role;
    return { storeId: store.id, memberId: member.id, role: grant.role };
  });
}

/** Idempotent: revoking a grant that does not exist is not an error. */
export function revokeStoreAccess(wc: VendorWriteContext, input: StoreGrant) {
  return write(wc, async (tx) => {
    const { store, member } = await findGrantParties(tx.em, tx.vendor, input);
    const grant = await tx.em.findOne(StoreAccess, { store, member });
    if (!grant) return;
    tx.audit({ entity: 'StoreAccess', entityId: grant.id, changes: changesOf({ storeId: store.id, memberId: member.id, role: grant.role }, null) });
    tx.em.remove(grant);
  });
}

async function findGrantParties(em: EntityManager, vendor: IVendor, input: StoreGrant) {
  const store = await findVendorStore(em, vendor, input.storeId);
  const member = await findActiveMember(em, vendor, input.memberId);
  return { store, member };
}
