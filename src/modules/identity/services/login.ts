import { unauthorized } from '../../../core/errors.js';
import { write, type WriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { User } from '../entities.js';
import { hashPassword, needsRehash, verifyPassword } from '../passwords.js';
import { issueTokens } from './sessions.js';

/**
 * One answer, after the same bcrypt work, for an unknown email, a wrong password and a disabled
 * account, so logins cannot probe for accounts. A hash in an older format or cost is renewed.
 * Both outcomes are account events (`auth.login`, `auth.loginFailed`) the user sees in
 * users.activity; a failure's event is committed although the request fails.
 */
export async function login(wc: WriteContext, email: string, password: string, signal?: AbortSignal) {
  const { bcryptCost } = wc.services.config;
  const user = await wc.em.findOne(User, { email });
  const valid = await verifyPassword(password, user?.passwordHash, bcryptCost, signal);
  if (!user || !valid || !user.isActive) {
    await write(wc, async (tx) =>
      tx.audit({ action: 'auth.loginFailed', vendorId: null, actorId: null, entity: 'User', entityId: user?.id ?? null, changes: changesOf(null, { email }) }),
    );
    throw unauthorized('Invalid email or password');
  }
  const renewedHash = needsRehash(user.passwordHash, bcryptCost) ? await hashPassword(password, bcryptCost, signal) : undefined;
  return write(wc, async (tx) => {
    user.lastLoginAt = new Date();
    if (renewedHash) user.passwordHash = renewedHash;
    tx.em.persist(user);
    tx.audit({ vendorId: null, actorId: user.id, entity: 'User', entityId: user.id, changes: renewedHash ? changesOf({ passwordHash: 'old' }, { passwordHash: 'renewed' }) : {} });
    return { user, tokens: issueTokens(tx.em, wc.services.config, user.id) };
  });
}
