import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthorized } from '../../../core/errors.js';
import type { Config } from '../../../config.js';
import { User } from '../entities.js';
import { hashPassword, needsRehash, verifyPassword } from '../passwords.js';
import { issueTokens } from './sessions.js';

/**
 * One answer, after the same bcrypt work, for an unknown email, a wrong password and a disabled
 * account, so logins cannot probe for accounts. A hash in an older format or cost is renewed.
 */
export async function login(em: EntityManager, config: Config, email: string, password: string, signal?: AbortSignal) {
  const user = await em.findOne(User, { email });
  const valid = await verifyPassword(password, user?.passwordHash, config.bcryptCost, signal);
  if (!user || !valid || !user.isActive) throw unauthorized('Invalid email or password');
  const renewedHash = needsRehash(user.passwordHash, config.bcryptCost) ? await hashPassword(password, config.bcryptCost, signal) : undefined;
  return em.transactional(async (tx) => {
    user.lastLoginAt = new Date();
    if (renewedHash) user.passwordHash = renewedHash;
    tx.persist(user);
    return { user, tokens: issueTokens(tx, config, user.id) };
  });
}
