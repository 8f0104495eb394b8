import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound } from '../../../core/errors.js';
import { hasRole } from '../../../core/roles.js';
import type { MemberWriteContext, Transaction } from '../../../db/write.js';
import { VendorMember, type IVendor, type IVendorMember } from '../entities.js';

/**
 * Serialises the membership changes of one vendor (roles, removals, invitations) by locking its
 * row, and answers the caller's membership as it stands under that lock: a role checked before
 * the lock could be stale (a demotion racing a promotion), so every such change reads it here.
 */
export async function lockVendorAsCaller(tx: Transaction<MemberWriteContext>): Promise<IVendorMember> {
  await tx.em.execute('select 1 from vendors where id = ? for update', [tx.vendor.id]);
  const caller = await tx.em.findOne(VendorMember, { id: tx.member.id, status: 'active' }, { refresh: true });
  if (!caller) throw forbidden('You are no longer an active member of this vendor');
  return caller;
}

/** lockVendorAsCaller for what only admins and owners do: FORBIDDEN with `refusal` for anyone else. */
export async function lockVendorAsAdmin(tx: Transaction<MemberWriteContext>, refusal: string): Promise<IVendorMember> {
  const caller = await lockVendorAsCaller(tx);
  if (!hasRole(caller.role, 'admin')) throw forbidden(refusal);
  return caller;
}

/** An active member of this vendor, else NOT_FOUND (another vendor's member looks missing). */
export async function findActiveMember(em: EntityManager, vendor: IVendor, memberId: string) {
  const member = await em.findOne(VendorMember, { id: memberId, vendor, status: 'active' }, { populate: ['user'], refresh: true });
  if (!member) throw notFound('Member');
  return member;
}

/** Makes one membership the user's primary. The old one is cleared first: one primary per user. */
export async function makePrimary(tx: EntityManager, userId: string, memberId: string): Promise<void> {
  await tx.nativeUpdate(VendorMember, { user: userId, isPrimary: true, id: { $ne: memberId } }, { isPrimary: false });
  await tx.nativeUpdate(VendorMember, { id: memberId }, { isPrimary: true });
}

/**
 * After the user's primary membership ends, they keep working in their longest-standing other
 * vendor rather than being locked out until they switch by hand.
 */
export async function promoteNextMembership(tx: EntityManager, userId: string): Promise<void> {
  const next = await tx.findOne(
    VendorMember,
    { user: userId, status: 'active', vendor: { isActive: true } },
    { orderBy: { createdAt: 'asc' } },
  );
  if (next) await makePrimary(tx, userId, next.id);
}
