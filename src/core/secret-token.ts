import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Single-use secrets sent by mail (invitations, password resets): 256 random bits, shown once,
 * and only their SHA-256 is stored, so a database leak reveals no usable token.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newSecretToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export const secretTokenSchema = z.string().trim().min(1).max(200);
