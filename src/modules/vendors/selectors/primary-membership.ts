import type { EntityManager } from '@mikro-orm/postgresql';
import { VendorMember } from '../entities.js';

/**
 * The membership an active user is working in: primary, active, of an active vendor, with the
 * user and the vendor (one joined query).
 */
export const findPrimaryMembership = (em: EntityManager, userId: string) =>
  em.findOne(
    VendorMember,
    { user: { id: userId, isActive: true }, isPrimary: true, status: 'active', vendor: { isActive: true } },
    { populate: ['vendor', 'user'] },
  );
