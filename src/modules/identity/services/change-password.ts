import { invalidField } from '../../../core/errors.js';
import { write, type UserWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { revokeUserSessions } from './sessions.js';

/** A wrong current password is BAD_REQUEST, never UNAUTHORIZED (clients read 401 as "refresh"). */
export async function changePassword(wc: UserWriteContext, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const { bcryptCost } = wc.services.config;
  if (!(await verifyPassword(input.currentPassword, wc.user.passwordHash, bcryptCost))) {
    throw invalidField(['currentPassword'], 'The current password is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword, bcryptCost);
  await write(wc, async (tx) => {
    tx.user.passwordHash = passwordHash;
    tx.em.persist(tx.user);
    const revoked = await revokeUserSessions(tx.em, tx.user.id, sessionId);
    tx.audit({ vendorId: null, entity: 'User', entityId: tx.user.id, changes: changesOf({ password: 'old', otherSessions: revoked }, { password: 'new', otherSessions: 0 }) });
  });
}
