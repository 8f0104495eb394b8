import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import { Vendor, VendorMember, type IVendor } from '../entities.js';

/**
 * Serialises the membership changes of one vendor (role changes, removals, invitations), so two
 * concurrent requests cannot both pass a check such as "another owner remains".
 */
export async function lockVendor(tx: EntityManager, vendor: IVendor): Promise<void> {
  await tx.findOneOrFail(Vendor, { id: vendor.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** An active member of this vendor, else NOT_FOUND (another vendor's member looks missing). */
export async function findActiveMember(em: EntityManager, vendor: IVendor, memberId: string) {
  const member = await em.findOne(VendorMember, { id: memberId, vendor, status: 'active' }, { populate: ['user'] });
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
