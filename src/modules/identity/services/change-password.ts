import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidField } from '../../../core/errors.js';
import type { IUser } from '../entities.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { revokeUserSessions } from './sessions.js';

/** A wrong current password is BAD_REQUEST, never UNAUTHORIZED (clients read 401 as "refresh"). */
export async function changePassword(
  em: EntityManager,
  bcryptCost: number,
  user: IUser,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  if (!(await verifyPassword(input.currentPassword, user.passwordHash, bcryptCost))) {
    throw invalidField(['currentPassword'], 'The current password is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword, bcryptCost);
  await em.transactional(async (tx) => {
    user.passwordHash = passwordHash;
    tx.persist(user);
    await revokeUserSessions(tx, user.id, sessionId);
  });
}
