import { forbidden, unauthorized } from '../core/errors.js';
import { accessOf } from '../core/permissions.js';
import { hasRole, type MemberRole } from '../core/roles.js';
import { User } from '../modules/identity/entities.js';
import { verifyAccessToken } from '../modules/identity/tokens.js';
import { findPrimaryMembership } from '../modules/vendors/selectors/primary-membership.js';
import { toTRPCError } from './errors.js';
import { t } from './init.js';

export const router = t.router;

/** Every procedure passes through the error map; unexpected errors are logged with the request id. */
export const publicProcedure = t.procedure.use(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const error = toTRPCError(result.error);
  if (error.code === 'INTERNAL_SERVER_ERROR') ctx.log.error({ err: error.cause ?? error, path }, 'unexpected error');
  return { ...result, error };
});

/** A valid access token of an active user. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.accessToken) throw unauthorized();
  const claims = verifyAccessToken(ctx.services.config, ctx.accessToken);
  const user = await ctx.em.findOne(User, { id: claims.userId });
  if (!user?.isActive) throw unauthorized('This account is disabled or no longer exists');
  return next({ ctx: { user, sessionId: claims.sessionId } });
});

/**
 * The caller's primary active membership becomes ctx.vendor / ctx.member (read on every request,
 * so a removed member is refused at once), and the role comes from the permission table.
 */
export const vendorProcedure = authedProcedure.use(async ({ ctx, path, next }) => {
  const member = await findPrimaryMembership(ctx.em, ctx.user.id);
  if (!member) throw forbidden('You are not an active member of a vendor: create one or accept an invitation');
  const minimum = requiredRole(path);
  if (!hasRole(member.role, minimum)) throw forbidden(`This needs the ${minimum} role or higher`);
  return next({ ctx: { vendor: member.vendor, member } });
});

function requiredRole(path: string): MemberRole {
  const access = accessOf(path);
  if (!access || access === 'public' || access === 'authed') throw forbidden(`No vendor permission is declared for ${path}`);
  return access;
}
