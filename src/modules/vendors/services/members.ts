import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden } from '../../../core/errors.js';
import { hasRole } from '../../../core/roles.js';
import type { MemberRole } from '../contract.js';
import { StoreAccess, VendorMember, type IVendor, type IVendorMember } from '../entities.js';
import { findActiveMember, lockVendor, promoteNextMembership } from './memberships.js';

/**
 * One rule covers the role invariants: acting on a member needs at least their role, and granting
 * a role needs at least that role. So only an owner grants or removes owner, an admin never
 * touches an owner, and nobody raises anyone above themselves.
 */
function assertMayManage(actor: IVendorMember, target: IVendorMember, newRole?: MemberRole) {
  if (!hasRole(actor.role, target.role)) throw forbidden(`Only an ${target.role} or higher can change an ${target.role}`);
  if (newRole && !hasRole(actor.role, newRole)) throw forbidden(`You cannot grant a role above your own (${actor.role})`);
}

/** A vendor always keeps at least one active owner. */
async function assertAnotherOwnerRemains(tx: EntityManager, vendor: IVendor, target: IVendorMember) {
  if (target.role !== 'owner') return;
  const others = await tx.count(VendorMember, { vendor, role: 'owner', status: 'active', id: { $ne: target.id } });
  if (!others) throw conflict('A vendor must keep at least one active owner');
}

export async function updateMemberRole(em: EntityManager, actor: IVendorMember, memberId: string, role: MemberRole) {
  return em.transactional(async (tx) => {
    await lockVendor(tx, actor.vendor);
    const target = await findActiveMember(tx, actor.vendor, memberId);
    assertMayManage(actor, target, role);
    if (role !== 'owner') await assertAnotherOwnerRemains(tx, actor.vendor, target);
    target.role = role;
    return target;
  });
}

/**
 * Revokes the membership (kept for history) and its store grants. The vendor tier reads the
 * membership on every request, so the removed member's next call is already refused; when this
 * was their primary vendor, their next vendor becomes primary.
 */
export async function removeMember(em: EntityManager, actor: IVendorMember, memberId: string) {
  await em.transactional(async (tx) => {
    await lockVendor(tx, actor.vendor);
    const target = await findActiveMember(tx, actor.vendor, memberId);
    assertMayManage(actor, target);
    await assertAnotherOwnerRemains(tx, actor.vendor, target);
    const wasPrimary = target.isPrimary;
    tx.assign(target, { status: 'revoked', isPrimary: false });
    await tx.flush();
    await tx.nativeDelete(StoreAccess, { member: target.id });
    if (wasPrimary) await promoteNextMembership(tx, target.user.id);
  });
}
