import { percentText } from '../../core/money.js';
import type { InvitationOutput, MemberOutput, StoreOutput, VendorOutput } from './contract.js';
import type { IInvitation, IStore, IVendor, IVendorMember } from './entities.js';

export const toVendorDto = (v: IVendor): VendorOutput => ({
  id: v.id,
  name: v.name,
  slug: v.slug,
  description: v.description ?? null,
  logoUrl: v.logoUrl ?? null,
  currency: v.currency,
  lowStockThreshold: v.lowStockThreshold,
  timeZone: v.timeZone,
  taxRate: percentText(v.taxRate),
});

export const toStoreDto = (s: IStore): StoreOutput => ({
  id: s.id,
  name: s.name,
  slug: s.slug,
  type: s.type,
  address: s.address ?? null,
  isDefault: s.isDefault,
  isActive: s.isActive,
});

/** `member.user` must be loaded (populate: ['user']) for the email. */
export const toMemberDto = (m: IVendorMember): MemberOutput => ({
  id: m.id,
  userId: m.user.id,
  email: m.user.email,
  role: m.role,
  status: m.status,
  isPrimary: m.isPrimary,
});

export const toInvitationDto = (i: IInvitation): InvitationOutput => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: i.status,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});
