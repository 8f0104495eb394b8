import { write, type MemberWriteContext, type Transaction } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { StoreAccessRole } from '../contract.js';
import { StoreAccess } from '../entities.js';
import { findActiveMember, lockVendorAsAdmin } from './memberships.js';
import { findVendorStore } from './stores.js';

export interface StoreGrant {
  storeId: string;
  memberId: string;
}

/** Grants (or changes) a member's access to one store; store and member must be this vendor's. */
export function grantStoreAccess(wc: MemberWriteContext, input: StoreGrant & { role: StoreAccessRole }) {
  return write(wc, async (tx) => {
    const { store, member } = await findGrantParties(tx, input);
    const existing = await tx.em.findOne(StoreAccess, { store, member });
    const grant = existing ?? tx.em.create(StoreAccess, { store, member, role: input.role });
    const parties = { storeId: store.id, memberId: member.id };
    tx.audit({ entity: 'StoreAccess', entityId: grant.id, changes: changesOf(existing && { ...parties, role: existing.role }, { ...parties, role: input.role }) });
    grant.role = input.role;
    return { storeId: store.id, memberId: member.id, role: grant.role };
  });
}

/** Idempotent: revoking a grant that does not exist is not an error. */
export function revokeStoreAccess(wc: MemberWriteContext, input: StoreGrant) {
  return write(wc, async (tx) => {
    const { store, member } = await findGrantParties(tx, input);
    const grant = await tx.em.findOne(StoreAccess, { store, member });
    if (!grant) return;
    tx.audit({ entity: 'StoreAccess', entityId: grant.id, changes: changesOf({ storeId: store.id, memberId: member.id, role: grant.role }, null) });
    tx.em.remove(grant);
  });
}

/**
 * Under the vendor lock (as member changes take it), so a caller demoted or removed meanwhile
 * cannot grant, and no grant is given to a member being removed: both are read after the lock.
 */
async function findGrantParties(tx: Transaction<MemberWriteContext>, input: StoreGrant) {
  await lockVendorAsAdmin(tx, 'Only an admin or owner manages store access');
  const store = await findVendorStore(tx.em, tx.vendor, input.storeId);
  const member = await findActiveMember(tx.em, tx.vendor, input.memberId);
  return { store, member };
}
