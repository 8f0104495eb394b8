import type { EntityManager } from '@mikro-orm/postgresql';
import { VendorMember } from '../entities.js';

/** The membership the user is working in: primary, active, of an active vendor (one joined query). */
export const findPrimaryMembership = (em: EntityManager, userId: string) =>
  em.findOne(
    VendorMember,
    { user: userId, isPrimary: true, status: 'active', vendor: { isActive: true } },
    { populate: ['vendor'] },
  );
