import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
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

// Pinning the algorithm rejects `alg: none` and algorithm-confusion tokens.
const ALGORITHM = 'HS256';

// jsonwebtoken turns a string secret into a KeyObject on every call; every request verifies a token.
const keys = new Map<string, KeyObject>();
const keyOf = (secret: string): KeyObject => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
};

export function signAccessToken(settings: TokenSettings, claims: AccessClaims): string {
  return jwt.sign({ typ: 'access', sid: claims.sessionId }, keyOf(settings.jwtSecret), {
    algorithm: ALGORITHM,
    subject: claims.userId,
    expiresIn: settings.accessTokenTtlSeconds,
  });
}

export function signRefreshToken(settings: TokenSettings, claims: RefreshClaims): string {
  return jwt.sign({ typ: 'refresh', fam: claims.family }, keyOf(settings.jwtSecret), {
    algorithm: ALGORITHM,
    subject: claims.userId,
    jwtid: claims.tokenId,
    expiresIn: settings.refreshTokenTtlSeconds,
  });
}

export function verifyAccessToken(settings: TokenSettings, token: string): AccessClaims {
  const payload = verify(settings, token, 'access');
  if (typeof payload.sid !== 'string') throw unauthorized('Invalid access token');
  return { userId: payload.sub!, sessionId: payload.sid };
}

export function verifyRefreshToken(settings: TokenSettings, token: string, options: { allowExpired?: boolean } = {}): RefreshClaims {
  const payload = verify(settings, token, 'refresh', options.allowExpired);
  if (typeof payload.fam !== 'string' || typeof payload.jti !== 'string') throw unauthorized('Invalid refresh token');
  return { tokenId: payload.jti, userId: payload.sub!, family: payload.fam };
}

function verify(settings: TokenSettings, token: string, type: 'access' | 'refresh', ignoreExpiration = false) {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyOf(settings.jwtSecret), { algorithms: [ALGORITHM], ignoreExpiration });
  } catch (error) {
    throw unauthorized(error instanceof jwt.TokenExpiredError ? `The ${type} token has expired` : `Invalid ${type} token`);
  }
  if (typeof payload !== 'object' || payload.typ !== type || typeof payload.sub !== 'string') {
    throw unauthorized(`Invalid ${type} token`);
  }
  return payload;
}
