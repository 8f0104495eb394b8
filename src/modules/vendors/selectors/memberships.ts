import type { EntityManager } from '@mikro-orm/postgresql';
import type { IUser } from '../../identity/entities.js';
import { VendorMember } from '../entities.js';

/** vendors.list: the caller's active memberships of active vendors. */
export async function listMyVendors(em: EntityManager, user: IUser) {
  const members = await em.find(
    VendorMember,
    { user, status: 'active', vendor: { isActive: true } },
    { populate: ['vendor'], orderBy: { createdAt: 'asc' } },
  );
  return members.map((m) => ({ id: m.vendor.id, name: m.vendor.name, slug: m.vendor.slug, role: m.role, isPrimary: m.isPrimary }));
}
