import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { Config } from '../../../config.js';
import { createVendorWithOwner } from '../../vendors/services/create-vendor.js';
import { User, UserProfile } from '../entities.js';
import { hashPassword } from '../passwords.js';
import { issueTokens } from './sessions.js';

export interface Registration {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  vendorName?: string;
}

/** User, profile, vendor, default store and owner membership: one transaction, all or nothing. */
export async function register(em: EntityManager, config: Config, input: Registration) {
  const passwordHash = await hashPassword(input.password, config.bcryptCost);
  return em.transactional(async (tx) => {
    if (await tx.count(User, { email: input.email })) {
      throw conflict('An account with this email already exists', { field: 'email' });
    }
    const user = tx.create(User, {
      email: input.email,
      passwordHash,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
    });
    tx.create(UserProfile, { user });
    const vendorName = input.vendorName ?? `${input.firstName ?? input.email.split('@')[0]}'s shop`;
    const { vendor } = await createVendorWithOwner(tx, user, { name: vendorName });
    const tokens = issueTokens(tx, config, user.id);
    return { user, vendor, tokens };
  });
}
