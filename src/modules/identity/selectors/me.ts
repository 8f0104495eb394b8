import type { EntityManager } from '@mikro-orm/postgresql';
import { VendorMember } from '../../vendors/entities.js';
import { toUserDto } from '../dto.js';
import { UserProfile, type IUser } from '../entities.js';

/** The caller, their profile and every membership that is not declined or revoked. */
export async function selectMe(em: EntityManager, user: IUser) {
  const [profile, memberships] = await Promise.all([
    em.findOne(UserProfile, { user }),
    em.find(
      VendorMember,
      { user, status: { $in: ['active', 'pending'] } },
      { populate: ['vendor'], orderBy: { createdAt: 'asc' } },
    ),
  ]);
  const primary = memberships.find((m) => m.isPrimary && m.status === 'active' && m.vendor.isActive);
  return {
    user: toUserDto(user),
    profile: {
      phone: profile?.phone ?? null,
      bio: profile?.bio ?? null,
      avatarUrl: profile?.avatarUrl ?? null,
      metadata: profile?.metadata ?? {},
    },
    memberships: memberships.map((m) => ({
      vendorId: m.vendor.id,
      vendorName: m.vendor.name,
      role: m.role,
      isPrimary: m.isPrimary,
      status: m.status,
    })),
    vendor: primary ? { id: primary.vendor.id, name: primary.vendor.name, slug: primary.vendor.slug } : null,
    member: primary ? { id: primary.id, role: primary.role } : null,
  };
}
