import { conflict } from '../../../core/errors.js';
import { write, type WriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
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
export async function register(wc: WriteContext, input: Registration, signal?: AbortSignal) {
  const passwordHash = await hashPassword(input.password, wc.services.config.bcryptCost, signal);
  return write(wc, async (tx) => {
    const invitation = input.invitationToken
      ? await findAnswerableInvitation(tx.em, input, { token: input.invitationToken }, 'invitationToken')
      : null;
    if (await tx.em.count(User, { email: input.email })) {
      throw conflict('An account with this email already exists', { field: 'email' });
    }
    const user = tx.em.create(User, {
      email: input.email,
      passwordHash,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
    });
    tx.em.create(UserProfile, { user });
    if (invitation) await acceptInvitation(tx, user, invitation);
    const vendor = invitation?.vendor ?? (await createVendorWithOwner(tx, user, { name: input.vendorName ?? defaultVendorName(input) })).vendor;
    const tokens = issueTokens(tx.em, wc.services.config, user.id);
    // In the vendor's log: the vendor it created, or the one it joined by invitation.
    tx.audit({ vendorId: vendor.id, actorId: user.id, entity: 'User', entityId: user.id, changes: changesOf(null, { email: user.email, firstName: user.firstName, lastName: user.lastName, joinedBy: invitation ? 'invitation' : 'new vendor' }) });
    return { user, vendor, tokens };
  });
}

const defaultVendorName = (input: Registration) => `${input.firstName ?? input.email.split('@')[0]}'s shop`;
