import type { IStore, IVendor } from './entities.js';

export const toVendorDto = (v: IVendor) => ({
  id: v.id,
  name: v.name,
  slug: v.slug,
  description: v.description ?? null,
  logoUrl: v.logoUrl ?? null,
  currency: v.currency,
  lowStockThreshold: v.lowStockThreshold,
});

export const toStoreDto = (s: IStore) => ({
  id: s.id,
  name: s.name,
  slug: s.slug,
  type: s.type,
  address: s.address ?? null,
  isDefault: s.isDefault,
  isActive: s.isActive,
});
