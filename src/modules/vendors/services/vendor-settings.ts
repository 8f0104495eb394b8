import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import type { IUser } from '../../identity/entities.js';
import { VendorMember, type IVendor } from '../entities.js';
import { makePrimary } from './memberships.js';

export interface VendorChanges {
  name?: string;
  description?: string | null;
  logoUrl?: string | null;
  currency?: string;
  lowStockThreshold?: number;
}

export async function updateVendor(em: EntityManager, vendor: IVendor, changes: VendorChanges) {
  await em.transactional(async (tx) => {
    tx.assign(vendor, changes);
    tx.persist(vendor);
  });
  return vendor;
}

/** Makes one of the user's active memberships primary; anything else is NOT_FOUND. */
export async function switchVendor(em: EntityManager, user: IUser, vendorId: string) {
  return em.transactional(async (tx) => {
    const target = await tx.findOne(
      VendorMember,
      { user, vendor: { id: vendorId, isActive: true }, status: 'active' },
      { populate: ['vendor'] },
    );
    if (!target) throw notFound('Vendor');
    if (!target.isPrimary) await makePrimary(tx, user.id, target.id);
    return target.vendor;
  });
}
