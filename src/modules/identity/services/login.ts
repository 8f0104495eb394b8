import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthorized } from '../../../core/errors.js';
import type { Config } from '../../../config.js';
import { User } from '../entities.js';
import { verifyPassword } from '../passwords.js';
import { issueTokens } from './sessions.js';

/** One answer for an unknown email and a wrong password, so logins cannot probe for accounts. */
export async function login(em: EntityManager, config: Config, email: string, password: string) {
  const user = await em.findOne(User, { email });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid) throw unauthorized('Invalid email or password');
  if (!user.isActive) throw unauthorized('This account is disabled');
  return em.transactional(async (tx) => {
    user.lastLoginAt = new Date();
    tx.persist(user);
    return { user, tokens: issueTokens(tx, config, user.id) };
  });
}
