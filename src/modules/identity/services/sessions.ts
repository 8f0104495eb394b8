import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../../core/ids.js';
import { unauthorized } from '../../../core/errors.js';
import { write, type WriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { RefreshToken, User } from '../entities.js';
import { signAccessToken, signRefreshToken, verifyRefreshToken, type RefreshClaims, type TokenSettings } from '../tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * How long a rotated refresh token still answers with its successor's pair: two tabs refreshing
 * with the same token at once both get the same new pair instead of revoking the session.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

interface RefreshRow {
  id: string;
  family: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Issues an access token and a refresh token; the refresh row is written with the caller's flush. */
export function issueTokens(em: EntityManager, settings: TokenSettings, userId: string, family = newId()): TokenPair {
  return tokensOf(settings, userId, createRefreshRow(em, settings, userId, family));
}

/**
 * Rotation: each refresh token is exchanged once. Claiming it is one conditional UPDATE, so two
 * concurrent refreshes cannot both rotate it; the loser, within the grace period, gets the
 * winner's pair. Presenting a rotated token later revokes its family.
 */
export async function rotateRefreshToken(wc: WriteContext, token: string): Promise<TokenPair> {
  const settings = wc.services.config;
  const claims = verifyRefreshToken(settings, token);
  const user = await wc.em.findOne(User, { id: claims.userId });
  if (!user?.isActive) throw unauthorized('This account is disabled or no longer exists');
  const successorId = newId();
  const rotated = await write(wc, async (tx) => {
    const claimed = await tx.em.nativeUpdate(
      RefreshToken,
      { id: claims.tokenId, revokedAt: null, expiresAt: { $gt: new Date() } },
      { revokedAt: new Date(), replacedBy: successorId },
    );
    if (!claimed) return null;
    tx.audit(sessionEvent(claims.userId));
    return tokensOf(settings, claims.userId, createRefreshRow(tx.em, settings, claims.userId, claims.family, successorId));
  });
  const pair = rotated ?? (await successorWithinGrace(wc.em, settings, claims));
  if (pair) return pair;
  // Committed on its own: the revocation must stand although the request fails.
  await endSession(wc, claims, 'auth.refreshReuse');
  throw unauthorized('This refresh token is no longer valid; please log in again');
}

/** Revokes the session (the token family) as one account event: a logout, or a reused token. */
export const endSession = (wc: WriteContext, claims: Pick<RefreshClaims, 'userId' | 'family'>, action?: string) =>
  write(wc, async (tx) => {
    await revokeFamily(tx.em, claims.family);
    tx.audit({ ...sessionEvent(claims.userId), action, changes: changesOf(null, { revokedSession: claims.family }) });
  });

/** Session events are the user's own account events, in no vendor's log. */
const sessionEvent = (userId: string) => ({ vendorId: null, actorId: userId, entity: 'User', entityId: userId });

async function successorWithinGrace(em: EntityManager, settings: TokenSettings, claims: RefreshClaims): Promise<TokenPair | null> {
  const now = Date.now();
  const rotated = await em.findOne(RefreshToken, {
    id: claims.tokenId,
    replacedBy: { $ne: null },
    revokedAt: { $gt: new Date(now - REFRESH_REUSE_GRACE_SECONDS * 1000) },
  });
  const successor = rotated && (await em.findOne(RefreshToken, { id: rotated.replacedBy!, revokedAt: null, expiresAt: { $gt: new Date(now) } }));
  return successor ? tokensOf(settings, claims.userId, successor) : null;
}

function createRefreshRow(em: EntityManager, settings: TokenSettings, userId: string, family: string, id = newId()): RefreshRow {
  // Whole seconds, as the JWT's iat and exp: the row alone re-signs the very same tokens.
  const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expiresAt = new Date(createdAt.getTime() + settings.refreshTokenTtlSeconds * 1000);
  return em.create(RefreshToken, { id, user: userId, family, createdAt, expiresAt });
}

/** The pair of one refresh row, signed from the row alone: the same row always gives the same tokens. */
function tokensOf(settings: TokenSettings, userId: string, row: RefreshRow): TokenPair {
  const issuedAt = row.createdAt.getTime() / 1000;
  return {
    accessToken: signAccessToken(settings, { userId, sessionId: row.family }, issuedAt),
    refreshToken: signRefreshToken(settings, { tokenId: row.id, userId, family: row.family }, { issuedAt, expiresAt: row.expiresAt.getTime() / 1000 }),
  };
}

export const revokeFamily = (em: EntityManager, family: string) =>
  em.nativeUpdate(RefreshToken, { family, revokedAt: null }, { revokedAt: new Date() });

/** Revokes every session of the user except `keepFamily` (the caller's own, when given). */
export const revokeUserSessions = (em: EntityManager, userId: string, keepFamily?: string) =>
  em.nativeUpdate(
    RefreshToken,
    { user: userId, revokedAt: null, ...(keepFamily ? { family: { $ne: keepFamily } } : {}) },
    { revokedAt: new Date() },
  );
