import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidField } from '../../../core/errors.js';
import { hashToken, newSecretToken } from '../../../core/secret-token.js';
import { PasswordReset, User } from '../entities.js';
import { hashPassword } from '../passwords.js';
import { revokeUserSessions } from './sessions.js';

const RESET_TTL_MS = 60 * 60 * 1000;
const UNUSABLE = 'This reset link is invalid, expired or already used';

/** A reset token for an active account, or null: the caller answers the same either way. */
export async function createPasswordReset(em: EntityManager, email: string) {
  const user = await em.findOne(User, { email, isActive: true });
  if (!user) return null;
  const { token, tokenHash } = newSecretToken();
  await em.transactional(async (tx) => {
    tx.create(PasswordReset, { user, tokenHash, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
  });
  return { user, token };
}

/**
 * Sets the new password and signs the user out everywhere. The token is claimed with a
 * conditional update, so it works once even under concurrent requests; the user's other
 * outstanding links die with it.
 */
export async function resetPassword(em: EntityManager, bcryptCost: number, token: string, password: string) {
  const reset = await em.findOne(PasswordReset, { tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: new Date() } });
  if (!reset) throw invalidField(['token'], UNUSABLE);
  const passwordHash = await hashPassword(password, bcryptCost);
  await em.transactional(async (tx) => {
    const now = new Date();
    const claimed = await tx.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null }, { usedAt: now });
    if (!claimed) throw invalidField(['token'], UNUSABLE);
    await tx.nativeUpdate(PasswordReset, { user: reset.user, usedAt: null }, { usedAt: now });
    await tx.nativeUpdate(User, { id: reset.user.id }, { passwordHash, updatedAt: now });
    await revokeUserSessions(tx, reset.user.id);
  });
}
