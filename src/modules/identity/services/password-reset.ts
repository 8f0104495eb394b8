import { invalidField } from '../../../core/errors.js';
import { hashToken, newSecretToken } from '../../../core/secret-token.js';
import { write, type WriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { deliver } from '../../mail/mailer.js';
import { PasswordReset, User } from '../entities.js';
import { passwordResetMail } from '../mail.js';
import { hashPassword } from '../passwords.js';
import { revokeUserSessions } from './sessions.js';

const RESET_TTL_MS = 60 * 60 * 1000;
const UNUSABLE = 'This reset link is invalid, expired or already used';

/**
 * A single-use reset link for an active account, mailed once it is stored; nothing for an unknown
 * email. The caller answers the same either way. The request is an event of the account (its
 * owner sees it in users.activity), made by nobody signed in.
 */
export async function requestPasswordReset(wc: WriteContext, email: string): Promise<void> {
  const user = await wc.em.findOne(User, { email, isActive: true });
  if (!user) return;
  const { token, tokenHash } = newSecretToken();
  await write(wc, async (tx) => {
    const reset = tx.em.create(PasswordReset, { user, tokenHash, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    tx.audit({ vendorId: null, actorId: null, entity: 'User', entityId: user.id, changes: changesOf(null, { passwordReset: reset.id }) });
    const mail = passwordResetMail(tx.services.config, user.email, token);
    tx.afterCommit(() => deliver(tx.services.mailer, tx.log, mail));
  });
}

/**
 * Sets the new password and signs the user out everywhere. The token is claimed with a
 * conditional update, so it works once even under concurrent requests; the user's other
 * outstanding links die with it.
 */
export async function resetPassword(wc: WriteContext, token: string, password: string) {
  const reset = await wc.em.findOne(PasswordReset, { tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: new Date() } });
  if (!reset) throw invalidField(['token'], UNUSABLE);
  const passwordHash = await hashPassword(password, wc.services.config.bcryptCost);
  await write(wc, async (tx) => {
    const now = new Date();
    const claimed = await tx.em.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null }, { usedAt: now });
    if (!claimed) throw invalidField(['token'], UNUSABLE);
    await tx.em.nativeUpdate(PasswordReset, { user: reset.user, usedAt: null }, { usedAt: now });
    await tx.em.nativeUpdate(User, { id: reset.user.id }, { passwordHash, updatedAt: now });
    await revokeUserSessions(tx.em, reset.user.id);
    const userId = reset.user.id;
    tx.audit({ vendorId: null, actorId: userId, entity: 'User', entityId: userId, changes: changesOf({ password: 'old' }, { password: 'new' }) });
  });
}
