import { createHash, randomBytes } from 'node:crypto';

/**
 * Single-use secrets sent by mail (invitations, password resets): 256 random bits, shown once,
 * and only their SHA-256 is stored, so a database leak reveals no usable token.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newSecretToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}
