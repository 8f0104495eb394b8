import bcrypt from 'bcrypt';
import { createHmac, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ConcurrencyLimit } from '../../core/concurrency.js';
import { serviceUnavailable } from '../../core/errors.js';

/**
 * Stored hashes look like `$bcrypt-sha256$2b$12$…`: bcrypt of the base64 HMAC-SHA256 of the
 * password. bcrypt reads only 72 bytes; the 44-character digest carries every byte of the password
 * (and never a NUL). The fixed HMAC key keeps an unsalted SHA-256 leaked by another site from being
 * tried against these hashes directly. Plain bcrypt hashes (`$2b$…`) from before still verify.
 */
const FORMAT = '$bcrypt-sha256';
const PREHASH_KEY = 'omni-stock/password/v1';
const prehash = (password: string) => createHmac('sha256', PREHASH_KEY).update(password).digest('base64');

/**
 * bcrypt runs on libuv's four threads: a few hashes at a time (one thread stays free for files and
 * DNS), and a short queue behind them (at cost 12 about 8 s of work on two cores). A flood past the
 * queue is refused with SERVICE_UNAVAILABLE; a request whose client is gone (`signal`) leaves it.
 */
export const BCRYPT_CONCURRENCY = Math.min(availableParallelism(), 3);
export const BCRYPT_MAX_WAITING = 64;
export const bcryptWork = new ConcurrencyLimit(BCRYPT_CONCURRENCY, BCRYPT_MAX_WAITING, () =>
  serviceUnavailable('The server is busy checking passwords; retry in a moment', 1),
);

const seal = async (password: string, cost: number) => FORMAT + (await bcrypt.hash(prehash(password), cost));

export const hashPassword = (password: string, cost: number, signal?: AbortSignal) => bcryptWork.run(() => seal(password, cost), signal);

/**
 * An unknown user (`stored` undefined) is checked against a placeholder of the configured cost, so
 * an unknown email costs the same bcrypt work as a wrong password.
 */
export async function verifyPassword(password: string, stored: string | undefined, cost: number, signal?: AbortSignal): Promise<boolean> {
  const hash = stored ?? (await placeholderHash(cost));
  const [candidate, bcryptHash] = hash.startsWith(FORMAT) ? [prehash(password), hash.slice(FORMAT.length)] : [password, hash];
  const matches = await bcryptWork.run(() => bcrypt.compare(candidate, bcryptHash), signal);
  return matches && stored !== undefined;
}

/** Plain bcrypt hashes, and those of another cost, are replaced on the next successful login. */
export const needsRehash = (stored: string, cost: number) =>
  !stored.startsWith(FORMAT) || bcrypt.getRounds(stored.slice(FORMAT.length)) !== cost;

// Made once per cost, outside the queue (a refusal must not be cached).
const placeholders = new Map<number, Promise<string>>();
function placeholderHash(cost: number): Promise<string> {
  let hash = placeholders.get(cost);
  if (!hash) placeholders.set(cost, (hash = seal(randomBytes(16).toString('hex'), cost)));
  return hash;
}
