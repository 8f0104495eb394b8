import type { EntityManager } from '@mikro-orm/postgresql';
import { toMemberDto } from '../dto.js';
import { StoreAccess, VendorMember, type IVendor } from '../entities.js';

/** members.list: the vendor's current members (removed ones are history, not members), with their store grants. */
export async function listMembers(em: EntityManager, vendor: IVendor) {
  const members = await em.find(
    VendorMember,
    { vendor, status: { $in: ['active', 'pending'] } },
    { populate: ['user'], orderBy: { createdAt: 'asc' } },
  );
  const grants = await em.find(StoreAccess, { member: { $in: members } }, { orderBy: { createdAt: 'asc' } });
  return members.map((member) => ({
    ...toMemberDto(member),
    storeAccess: grants.filter((g) => g.member.id === member.id).map((g) => ({ storeId: g.store.id, role: g.role })),
  }));
}
