import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden } from '../../../core/errors.js';
import { hasRole } from '../../../core/roles.js';
import { write, type MemberWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { MemberRole } from '../contract.js';
import { StoreAccess, VendorMember, type IVendor, type IVendorMember } from '../entities.js';
import { findActiveMember, lockVendorAsCaller, promoteNextMembership } from './memberships.js';

/**
 * One rule covers the role invariants: acting on a member needs at least their role, and granting
 * a role needs at least that role. So only an owner grants or removes owner, an admin never
 * touches an owner, and nobody raises anyone above themselves.
 */
function assertMayManage(caller: IVendorMember, target: IVendorMember, newRole?: MemberRole) {
  if (!hasRole(caller.role, 'admin')) throw forbidden('Only an admin or owner manages members');
  if (!hasRole(caller.role, target.role)) throw forbidden(`Only an ${target.role} or higher can change an ${target.role}`);
  if (newRole && !hasRole(caller.role, newRole)) throw forbidden(`You cannot grant a role above your own (${caller.role})`);
}

/** A vendor always keeps at least one active owner. */
async function assertAnotherOwnerRemains(em: EntityManager, vendor: IVendor, target: IVendorMember) {
  if (target.role !== 'owner') return;
  const others = await em.count(VendorMember, { vendor, role: 'owner', status: 'active', id: { $ne: target.id } });
  if (!others) throw conflict('A vendor must keep at least one active owner');
}

export function updateMemberRole(wc: MemberWriteContext, memberId: string, role: MemberRole) {
  return write(wc, async (tx) => {
    const caller = await lockVendorAsCaller(tx);
    const target = await findActiveMember(tx.em, tx.vendor, memberId);
    assertMayManage(caller, target, role);
    if (role !== 'owner') await assertAnotherOwnerRemains(tx.em, tx.vendor, target);
    tx.audit({ entity: 'VendorMember', entityId: target.id, changes: changesOf({ role: target.role }, { role }) });
    target.role = role;
    return target;
  });
}

/**
 * Revokes the membership (kept for history) and its store grants. The vendor tier reads the
 * membership on every request, so the removed member's next call is already refused; when this
 * was their primary vendor, their next vendor becomes primary.
 */
export function removeMember(wc: MemberWriteContext, memberId: string) {
  return write(wc, async (tx) => {
    const caller = await lockVendorAsCaller(tx);
    const target = await findActiveMember(tx.em, tx.vendor, memberId);
    assertMayManage(caller, target);
    await assertAnotherOwnerRemains(tx.em, tx.vendor, target);
    const wasPrimary = target.isPrimary;
    tx.audit({ entity: 'VendorMember', entityId: target.id, changes: changesOf({ status: target.status }, { status: 'revoked' }) });
    tx.em.assign(target, { status: 'revoked', isPrimary: false });
    await tx.em.flush();
    await tx.em.nativeDelete(StoreAccess, { member: target.id });
    if (wasPrimary) await promoteNextMembership(tx.em, target.user.id);
  });
}
