import bcrypt from 'bcrypt';
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

/**
 * Stored hashes look like `$bcrypt-sha256$2b$12$…`: bcrypt of the base64 HMAC-SHA256 of the
 * password. bcrypt reads only 72 bytes; the 44-character digest carries every byte of the password
 * (and never a NUL). The fixed HMAC key keeps an unsalted SHA-256 leaked by another site from being
 * tried against these hashes directly. Plain bcrypt hashes (`$2b$…`) from before still verify.
 */
const FORMAT = '$bcrypt-sha256';
const PREHASH_KEY = 'omni-stock/password/v1';
const prehash = (password: string) => createHmac('sha256', PREHASH_KEY).update(password).digest('base64');

export const hashPassword = async (password: string, cost: number) => FORMAT + (await bcrypt.hash(prehash(password), cost));

/**
 * An unknown user (`stored` undefined) is checked against a placeholder of the configured cost, so
 * an unknown email costs the same bcrypt work as a wrong password.
 */
export async function verifyPassword(password: string, stored: string | undefined, cost: number): Promise<boolean> {
  const hash = stored ?? (await placeholderHash(cost));
  const [candidate, bcryptHash] = hash.startsWith(FORMAT) ? [prehash(password), hash.slice(FORMAT.length)] : [password, hash];
  const matches = await bcrypt.compare(candidate, bcryptHash);
  return matches && stored !== undefined;
}

/** Plain bcrypt hashes, and those of another cost, are replaced on the next successful login. */
export const needsRehash = (stored: string, cost: number) =>
  !stored.startsWith(FORMAT) || bcrypt.getRounds(stored.slice(FORMAT.length)) !== cost;

// Made once per cost.
const placeholders = new Map<number, Promise<string>>();
function placeholderHash(cost: number): Promise<string> {
  let hash = placeholders.get(cost);
  if (!hash) placeholders.set(cost, (hash = hashPassword(randomBytes(16).toString('hex'), cost)));
  return hash;
}
