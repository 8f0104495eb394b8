import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, unauthorized } from '../core/errors.js';
import { hasRole } from '../core/roles.js';
import { User, type IUser } from '../modules/identity/entities.js';
import { verifyAccessToken, type TokenSettings } from '../modules/identity/tokens.js';
import type { MemberRole } from '../modules/vendors/contract.js';
import type { IVendor, IVendorMember } from '../modules/vendors/entities.js';
import { findPrimaryMembership } from '../modules/vendors/selectors/primary-membership.js';

export const accountGone = () => unauthorized('This account is disabled or no longer exists');

/** The caller of a vendor-scoped request: who, in which vendor, as which member. */
export interface VendorAccess {
  user: IUser;
  sessionId: string;
  vendor: IVendor;
  member: IVendorMember;
}

/**
 * The one vendor resolution, for the tRPC vendor tier (src/trpc/procedures.ts) and the HTTP routes
 * outside the router (the CSV exports): the Bearer token (UNAUTHORIZED when missing or invalid),
 * the caller's primary active membership of an active vendor, read together on every request so a
 * removed member is refused at once, and the role (FORBIDDEN below `minimum`). Only when no
 * membership is found does a second query tell a disabled account (UNAUTHORIZED) from a user
 * without a vendor (FORBIDDEN). No rate limit applies here (only the auth procedures have one).
 */
export async function resolveVendorAccess(
  request: { em: EntityManager; accessToken: string | null; services: { config: TokenSettings } },
  minimum: MemberRole,
): Promise<VendorAccess> {
  if (!request.accessToken) throw unauthorized();
  const claims = verifyAccessToken(request.services.config, request.accessToken);
  const member = await admitMember(request.em, claims.userId, await findPrimaryMembership(request.em, claims.userId), minimum);
  return { user: member.user as IUser, sessionId: claims.sessionId, vendor: member.vendor as IVendor, member };
}

/**
 * Refuses a caller without a membership (UNAUTHORIZED when the account is disabled or gone, else
 * FORBIDDEN) or below `minimum`; also for the reads that look the membership up in their own
 * statement (vendorReadProcedure).
 */
export async function admitMember<M extends { role: MemberRole }>(em: EntityManager, userId: string, member: M | null, minimum: MemberRole): Promise<M> {
  if (!member) {
    if (!(await em.count(User, { id: userId, isActive: true }))) throw accountGone();
    throw forbidden('You are not an active member of a vendor: create one or accept an invitation');
  }
  if (!hasRole(member.role, minimum)) throw forbidden(`This needs the ${minimum} role or higher`);
  return member;
}
