import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { Config } from '../../../config.js';
import { createVendorWithOwner } from '../../vendors/services/create-vendor.js';
import { acceptInvitation, findAnswerableInvitation } from '../../vendors/services/invitations.js';
import { User, UserProfile } from '../entities.js';
import { hashPassword } from '../passwords.js';
import { issueTokens } from './sessions.js';

export interface Registration {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  vendorName?: string;
  invitationToken?: string;
}

/**
 * User, profile, and either the inviting vendor's membership (with an invitation token for this
 * email) or a new vendor with its default store and owner membership: one transaction.
 */
export async function register(em: EntityManager, config: Config, input: Registration, signal?: AbortSignal) {
  const passwordHash = await hashPassword(input.password, config.bcryptCost, signal);
  return em.transactional(async (tx) => {
    const invitation = input.invitationToken
      ? await findAnswerableInvitation(tx, input, { token: input.invitationToken }, 'invitationToken')
      : null;
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
    if (invitation) await acceptInvitation(tx, user, invitation);
    const vendor = invitation?.vendor ?? (await createVendorWithOwner(tx, user, { name: input.vendorName ?? defaultVendorName(input) })).vendor;
    const tokens = issueTokens(tx, config, user.id);
    return { user, vendor, tokens };
  });
}

const defaultVendorName = (input: Registration) => `${input.firstName ?? input.email.split('@')[0]}'s shop`;
