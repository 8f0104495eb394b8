import { freeSlug } from '../../../core/slugs.js';
import { write, type UserWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { IUser } from '../../identity/entities.js';
import { Store, Vendor, VendorMember } from '../entities.js';
import type { Transaction } from '../../../db/write.js';

export interface NewVendor {
  name: string;
  description?: string | null;
}

/**
 * A vendor with its default store and `owner` as its owner, made the owner's primary vendor.
 * Joins the caller's transaction (auth.register), which audits it.
 */
export async function createVendorWithOwner(tx: Transaction, owner: IUser, input: NewVendor) {
  const vendor = tx.em.create(Vendor, {
    name: input.name,
    description: input.description ?? null,
    slug: await freeSlug(tx.em, 'vendors', {}, input.name, 'vendor'),
  });
  tx.em.create(Store, { vendor, name: 'Main store', slug: 'main', isDefault: true });
  // Only one primary membership per user (a partial unique index backs this up).
  await tx.em.nativeUpdate(VendorMember, { user: owner, isPrimary: true }, { isPrimary: false });
  const member = tx.em.create(VendorMember, { vendor, user: owner, role: 'owner', isPrimary: true, status: 'active', respondedAt: new Date() });
  return { vendor, member };
}

/** vendors.create: the caller becomes the owner and starts working in the new vendor. */
export function createVendor(wc: UserWriteContext, input: NewVendor) {
  return write(wc, async (tx) => {
    const { vendor } = await createVendorWithOwner(tx, wc.user, input);
    tx.audit({ vendorId: vendor.id, entity: 'Vendor', entityId: vendor.id, changes: changesOf(null, { name: vendor.name, slug: vendor.slug, description: vendor.description }) });
    return vendor;
  });
}
