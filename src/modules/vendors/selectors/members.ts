import type { EntityManager } from '@mikro-orm/postgresql';
import { toMemberDto } from '../dto.js';
import { VendorMember, type IVendor } from '../entities.js';

/** members.list: the vendor's current members (removed ones are history, not members). */
export async function listMembers(em: EntityManager, vendor: IVendor) {
  const members = await em.find(
    VendorMember,
    { vendor, status: { $in: ['active', 'pending'] } },
    { populate: ['user'], orderBy: { createdAt: 'asc' } },
  );
  return members.map(toMemberDto);
}
