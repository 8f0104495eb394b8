import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../../core/ids.js';
import { unauthorized } from '../../../core/errors.js';
import { RefreshToken, User } from '../entities.js';
import { signAccessToken, signRefreshToken, verifyRefreshToken, type TokenSettings } from '../tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Issues an access token and a refresh token; the refresh row is written with the caller's flush. */
export function issueTokens(em: EntityManager, settings: TokenSettings, userId: string, family = newId()): TokenPair {
  const row = em.create(RefreshToken, {
    user: userId,
    family,
    expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
  });
  return {
    accessToken: signAccessToken(settings, { userId, sessionId: family }),
    refreshToken: signRefreshToken(settings, { tokenId: row.id, userId, family }),
  };
}

/**
 * Rotation: each refresh token is exchanged once. Claiming it is one conditional UPDATE, so two
 * concurrent refreshes cannot both win; presenting an already rotated token revokes its family.
 */
export async function rotateRefreshToken(em: EntityManager, settings: TokenSettings, token: string): Promise<TokenPair> {
  const claims = verifyRefreshToken(settings, token);
  const user = await em.findOne(User, { id: claims.userId });
  if (!user?.isActive) throw unauthorized('This account is disabled or no longer exists');
  const replacement = newId();
  const rotated = await em.transactional(async (tx) => {
    const claimed = await tx.nativeUpdate(
      RefreshToken,
      { id: claims.tokenId, revokedAt: null, expiresAt: { $gt: new Date() } },
      { revokedAt: new Date(), replacedBy: replacement },
    );
    if (!claimed) return null;
    tx.create(RefreshToken, {
      id: replacement,
      user: claims.userId,
      family: claims.family,
      expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
    });
    return {
      accessToken: signAccessToken(settings, { userId: claims.userId, sessionId: claims.family }),
      refreshToken: signRefreshToken(settings, { tokenId: replacement, userId: claims.userId, family: claims.family }),
    };
  });
  if (rotated) return rotated;
  // Committed on its own: the revocation must stand although the request fails.
  await revokeFamily(em, claims.family);
  throw unauthorized('This refresh token is no longer valid; please log in again');
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
