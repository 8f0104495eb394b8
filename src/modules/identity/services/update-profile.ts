import { write, type UserWriteContext } from '../../../db/write.js';
import { changesOf, pick } from '../../audit/changes.js';
import { UserProfile } from '../entities.js';

export interface ProfileChanges {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  metadata?: Record<string, unknown>;
}

const profileFields = ['phone', 'bio', 'avatarUrl', 'metadata'] as const;

export function updateProfile(wc: UserWriteContext, changes: ProfileChanges) {
  return write(wc, async (tx) => {
    const { firstName, lastName, ...profileChanges } = changes;
    const user = tx.user;
    const profile = (await tx.em.findOne(UserProfile, { user })) ?? tx.em.create(UserProfile, { user });
    const before = { firstName: user.firstName, lastName: user.lastName, ...pick(profile, profileFields) };
    if (firstName !== undefined) user.firstName = firstName;
    if (lastName !== undefined) user.lastName = lastName;
    tx.em.persist(user);
    tx.em.assign(profile, profileChanges);
    tx.audit({ vendorId: null, entity: 'User', entityId: user.id, changes: changesOf(before, { firstName: user.firstName, lastName: user.lastName, ...pick(profile, profileFields) }) });
  });
}
