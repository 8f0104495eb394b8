import type { EntityManager } from '@mikro-orm/postgresql';
import { freeSlug } from '../../../core/slugs.js';
import type { IUser } from '../../identity/entities.js';
import { Store, Vendor, VendorMember } from '../entities.js';

export interface NewVendor {
  name: string;
  description?: string | null;
}

/**
 * A vendor with its default store and the user as its owner, made the user's primary vendor.
 * Runs inside the caller's transaction.
 */
export async function createVendorWithOwner(em: EntityManager, owner: IUser, input: NewVendor) {
  const vendor = em.create(Vendor, {
    name: input.name,
    description: input.description ?? null,
    slug: await freeSlug(em, 'vendors', {}, input.name, 'vendor'),
  });
  em.create(Store, { vendor, name: 'Main store', slug: 'main', isDefault: true });
  // Only one primary membership per user (a partial unique index backs this up).
  await em.nativeUpdate(VendorMember, { user: owner, isPrimary: true }, { isPrimary: false });
  const member = em.create(VendorMember, { vendor, user: owner, role: 'owner', isPrimary: true, status: 'active', respondedAt: new Date() });
  return { vendor, member };
}
