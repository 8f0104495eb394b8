import type { EntityManager } from '@mikro-orm/postgresql';
import { UserProfile, type IUser } from '../entities.js';

export interface ProfileChanges {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  metadata?: Record<string, unknown>;
}

export async function updateProfile(em: EntityManager, user: IUser, changes: ProfileChanges) {
  await em.transactional(async (tx) => {
    const { firstName, lastName, ...profileChanges } = changes;
    if (firstName !== undefined) user.firstName = firstName;
    if (lastName !== undefined) user.lastName = lastName;
    tx.persist(user);
    const profile = (await tx.findOne(UserProfile, { user })) ?? tx.create(UserProfile, { user });
    tx.assign(profile, profileChanges);
  });
}
