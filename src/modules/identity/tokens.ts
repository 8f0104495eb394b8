import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { unauthorized } from '../../core/errors.js';

export interface TokenSettings {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export interface AccessClaims {
  userId: string;
  /** The refresh-token family (login session) the access token was issued for. */
  sessionId: string;
}

export interface RefreshClaims {
  tokenId: string;
  userId: string;
  family: string;
}

/** Seconds since the epoch, as JWTs count time. */
export interface TokenTimes {
  issuedAt: number;
  expiresAt: number;
}

// Pinning the algorithm rejects `alg: none` and algorithm-confusion tokens.
const ALGORITHM = 'HS256';

// A token signed with our secret but not by us (a leaked secret, an old format) must still not
// reach the database with a malformed id: every claim the server reads is checked here.
const timed = { sub: z.uuid(), exp: z.number().int() };
const accessPayload = z.object({ typ: z.literal('access'), sid: z.uuid(), ...timed });
const refreshPayload = z.object({ typ: z.literal('refresh'), fam: z.uuid(), jti: z.uuid(), ...timed });

// jsonwebtoken turns a string secret into a KeyObject on every call; every request verifies a token.
const keys = new Map<string, KeyObject>();
const keyOf = (secret: string): KeyObject => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
};

/** Signing is deterministic: the same claims and times always give the same token. */
const sign = (settings: TokenSettings, payload: object) => jwt.sign(payload, keyOf(settings.jwtSecret), { algorithm: ALGORITHM });

export function signAccessToken(settings: TokenSettings, claims: AccessClaims, issuedAt: number): string {
  const exp = issuedAt + settings.accessTokenTtlSeconds;
  return sign(settings, { typ: 'access', sid: claims.sessionId, sub: claims.userId, iat: issuedAt, exp });
}

export function signRefreshToken(settings: TokenSettings, claims: RefreshClaims, times: TokenTimes): string {
  return sign(settings, { typ: 'refresh', fam: claims.family, sub: claims.userId, jti: claims.tokenId, iat: times.issuedAt, exp: times.expiresAt });
}

export function verifyAccessToken(settings: TokenSettings, token: string): AccessClaims {
  const payload = verify(settings, token, 'access', accessPayload);
  return { userId: payload.sub, sessionId: payload.sid };
}

export function verifyRefreshToken(settings: TokenSettings, token: string, options: { allowExpired?: boolean } = {}): RefreshClaims {
  const payload = verify(settings, token, 'refresh', refreshPayload, options.allowExpired);
  return { tokenId: payload.jti, userId: payload.sub, family: payload.fam };
}

function verify<T>(settings: TokenSettings, token: string, type: 'access' | 'refresh', schema: z.ZodType<T>, ignoreExpiration = false): T {
  let payload: unknown;
  try {
    payload = jwt.verify(token, keyOf(settings.jwtSecret), { algorithms: [ALGORITHM], ignoreExpiration });
  } catch (error) {
    throw unauthorized(error instanceof jwt.TokenExpiredError ? `The ${type} token has expired` : `Invalid ${type} token`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw unauthorized(`Invalid ${type} token`);
  return parsed.data;
}
