import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from '../../db/columns.js';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: idColumn(),
    // Stored lower-case, so a plain unique index makes it unique case-insensitively.
    email: p.string().length(320).unique(),
    passwordHash: p.string().length(100).hidden(),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    isActive: p.boolean().default(true),
    lastLoginAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IUser = InferEntity<typeof User>;

export const UserProfile = defineEntity({
  name: 'UserProfile',
  tableName: 'user_profiles',
  properties: {
    id: idColumn(),
    user: () => p.oneToOne(User).owner().unique().deleteRule('cascade'),
    phone: p.string().length(40).nullable(),
    bio: p.text().nullable(),
    avatarUrl: p.string().length(2048).nullable(),
    metadata: p.json<Record<string, unknown>>().default('{}').onCreate(() => ({})),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type IUserProfile = InferEntity<typeof UserProfile>;

/** One row per issued refresh token; `family` ties a login's rotations together. */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: idColumn(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    family: p.uuid().index(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    replacedBy: p.uuid().nullable(),
    createdAt: createdAtColumn(),
  },
});
export type IRefreshToken = InferEntity<typeof RefreshToken>;

export const PasswordReset = defineEntity({
  name: 'PasswordReset',
  tableName: 'password_resets',
  properties: {
    id: idColumn(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
});
export type IPasswordReset = InferEntity<typeof PasswordReset>;

/**
 * The auth rate limits' counts when they live in PostgreSQL (src/modules/identity/rate-limit-store.ts):
 * rate-limiter-flexible's RateLimiterPostgres reads and writes these rows itself, never the ORM.
 * `key` is its prefix and the counted key (an email and an address can pass 255 characters).
 */
export const AuthRateLimit = defineEntity({
  name: 'AuthRateLimit',
  tableName: 'auth_rate_limits',
  properties: {
    key: p.text().primary(),
    points: p.integer().default(0),
    /** Epoch milliseconds at which the window ends. */
    expire: p.bigint().nullable(),
  },
});

export const identityEntities = [User, UserProfile, RefreshToken, PasswordReset, AuthRateLimit];
