import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { invitationStatuses, memberRoles, memberStatuses, storeAccessRoles, storeTypes } from './contract.js';
import { createdAtColumn, idColumn, updatedAtColumn } from '../../db/columns.js';
import { User } from '../identity/entities.js';

export const Vendor = defineEntity({
  name: 'Vendor',
  tableName: 'vendors',
  checks: [{ name: 'vendors_tax_rate_check', expression: 'tax_rate >= 0 and tax_rate <= 100' }],
  properties: {
    id: idColumn(),
    name: p.string().length(255),
    slug: p.string().length(80).unique(),
    description: p.text().nullable(),
    logoUrl: p.string().length(2048).nullable(),
    currency: p.string().length(3).default('USD'),
    lowStockThreshold: p.integer().default(5),
    timeZone: p.string().length(64).default('UTC'),
    taxRate: p.decimal().precision(6).scale(3).default('0'),
    isActive: p.boolean().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IVendor = InferEntity<typeof Vendor>;

export const VendorMember = defineEntity({
  name: 'VendorMember',
  tableName: 'vendor_members',
  uniques: [
    { properties: ['vendor', 'user'] },
    // At most one primary membership per user.
    { name: 'vendor_members_one_primary_per_user', properties: ['user'], where: 'is_primary' },
  ],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    role: p.enum(memberRoles),
    isPrimary: p.boolean().default(false),
    status: p.enum(memberStatuses).default('active'),
    invitedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    invitedAt: p.datetime().nullable(),
    respondedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IVendorMember = InferEntity<typeof VendorMember>;

export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'invitations',
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade').index(),
    email: p.string().length(320).index(),
    role: p.enum(memberRoles),
    tokenHash: p.string().length(64).unique(),
    status: p.enum(invitationStatuses).default('pending'),
    expiresAt: p.datetime(),
    invitedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IInvitation = InferEntity<typeof Invitation>;

export const Store = defineEntity({
  name: 'Store',
  tableName: 'stores',
  uniques: [{ properties: ['vendor', 'slug'] }],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    name: p.string().length(255),
    slug: p.string().length(80),
    type: p.enum(storeTypes).default('retail'),
    address: p.text().nullable(),
    isDefault: p.boolean().default(false),
    isActive: p.boolean().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IStore = InferEntity<typeof Store>;

export const StoreAccess = defineEntity({
  name: 'StoreAccess',
  tableName: 'store_access',
  uniques: [{ properties: ['member', 'store'] }],
  properties: {
    id: idColumn(),
    member: () => p.manyToOne(VendorMember).deleteRule('cascade'),
    store: () => p.manyToOne(Store).deleteRule('cascade').index(),
    role: p.enum(storeAccessRoles),
    createdAt: createdAtColumn(),
  },
});
export type IStoreAccess = InferEntity<typeof StoreAccess>;

export const vendorEntities = [Vendor, VendorMember, Invitation, Store, StoreAccess];
