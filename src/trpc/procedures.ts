import { forbidden, unauthorized } from '../core/errors.js';
import { accessOf } from '../core/permissions.js';
import { User } from '../modules/identity/entities.js';
import { verifyAccessToken } from '../modules/identity/tokens.js';
import type { MemberRole } from '../modules/vendors/contract.js';
import { findPrimaryMembership, type MemberOfRead, type Reader } from '../modules/vendors/selectors/primary-membership.js';
import type { RequestContext } from './context.js';
import { toTRPCError } from './errors.js';
import { t } from './init.js';
import { accountGone, admitMember, resolveVendorAccess } from './vendor-access.js';

export const router = t.router;

/**
 * Every procedure starts here: the server's request context is unwrapped from the opaque root
 * handle (see RootContext) and becomes a write context (src/db/write.ts) whose action is the
 * procedure's path and whose caller is nobody until a tier below says otherwise. Every error
 * passes through the error map; unexpected errors and outages are logged with the request id.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, path, next }) => {
  const request = ctx.request as RequestContext;
  const result = await next({ ctx: { ...request, action: path, user: null, vendor: null, member: null } });
  if (result.ok) return result;
  const error = toTRPCError(result.error);
  const original = result.error.cause ?? result.error;
  if (error.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: original, path }, 'unexpected error');
  if (error.code === 'SERVICE_UNAVAILABLE') request.log.warn({ err: original, path }, 'unavailable');
  return { ...result, error };
});

/** A valid access token (signature, expiry, type); the database is not asked yet. */
const tokenProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.accessToken) throw unauthorized();
  return next({ ctx: { claims: verifyAccessToken(ctx.services.config, ctx.accessToken) } });
});

/** A valid access token of an active user (read on every request, so a disabled account stops at once). */
export const authedProcedure = tokenProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.em.findOne(User, { id: ctx.claims.userId, isActive: true });
  if (!user) throw accountGone();
  return next({ ctx: { user, sessionId: ctx.claims.sessionId } });
});

/**
 * The caller, their primary active membership and its vendor become ctx.user / ctx.member /
 * ctx.vendor, through the one resolution the HTTP routes outside the router use too
 * (src/trpc/vendor-access.ts); the minimum role comes from the permission table.
 */
export const vendorProcedure = publicProcedure.use(async ({ ctx, path, next }) => {
  const { user, sessionId, vendor, member } = await resolveVendorAccess(ctx, requiredRole(path));
  return next({ ctx: { user, sessionId, vendor, member } });
});

/**
 * The vendor tier for reads that check the caller in the same statement as the read itself, one
 * round trip instead of two: the statement starts with the membership's common table expressions
 * (`membershipCtes`, its parameter `ctx.reader.userId`), hangs every condition off the member's
 * vendor and readable stores, and returns the member row; `ctx.reader.admit(member)` then refuses
 * exactly as vendorProcedure would (a removed member at once, a disabled account, a role below the
 * path's). Nothing the statement returned may be used before `admit` resolves, and only reads
 * belong here: the procedure body runs before the caller is known.
 */
export const vendorReadProcedure = tokenProcedure.use(async ({ ctx, path, next }) => {
  const minimum = requiredRole(path);
  const reader: Reader = { userId: ctx.claims.userId, admit: (member: MemberOfRead | null) => admitMember(ctx.em, ctx.claims.userId, member, minimum) };
  const result = await next({ ctx: { sessionId: ctx.claims.sessionId, reader } });
  // vendorProcedure refuses a caller before reading the input: a bad input (or cursor) answers
  // BAD_REQUEST only to a caller it would admit, so this tier asks for the membership then.
  if (!result.ok && toTRPCError(result.error).code === 'BAD_REQUEST') await admitMember(ctx.em, ctx.claims.userId, await findPrimaryMembership(ctx.em, ctx.claims.userId), minimum);
  return result;
});

function requiredRole(path: string): MemberRole {
  const access = accessOf(path);
  if (!access || access === 'public' || access === 'authed') throw forbidden(`No vendor permission is declared for ${path}`);
  return access;
}
