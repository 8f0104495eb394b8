import type { MemberRole } from '../modules/vendors/contract.js';

/**
 * Who may call each procedure: `public` (no token), `authed` (a valid access token) or the
 * minimum member role in the caller's primary vendor. The vendor tier enforces the role from
 * this table by procedure path, and test/permissions.test.ts checks every procedure against it:
 * a procedure missing here is refused and fails that test.
 */
export type Access = 'public' | 'authed' | MemberRole;

export const procedureAccess = {
  'auth.register': 'public',
  'auth.login': 'public',
  'auth.refresh': 'public',
  'auth.logout': 'public',
  'auth.requestPasswordReset': 'public',
  'auth.resetPassword': 'public',
  'auth.changePassword': 'authed',
  'users.me': 'authed',
  'users.updateProfile': 'authed',
  'users.activity': 'authed',
  'vendors.list': 'authed',
  'vendors.create': 'authed',
  'vendors.switch': 'authed',
  'vendors.current': 'viewer',
  'vendors.update': 'admin',
  'stores.list': 'viewer',
  'stores.create': 'admin',
  'stores.update': 'admin',
  'stores.archive': 'admin',
  'media.createUploadUrl': 'staff',
  'stores.grantAccess': 'admin',
  'stores.revokeAccess': 'admin',
  'members.list': 'admin',
  'members.updateRole': 'admin',
  'members.remove': 'admin',
  'invitations.create': 'admin',
  'invitations.list': 'admin',
  'invitations.revoke': 'admin',
  'invitations.mine': 'authed',
  'invitations.accept': 'authed',
  'invitations.decline': 'authed',
  'items.list': 'viewer',
  'items.get': 'viewer',
  'items.movements': 'viewer',
  'items.priceHistory': 'viewer',
  'items.create': 'staff',
  'items.update': 'staff',
  'items.adjustStock': 'staff',
  'items.archive': 'staff',
  'items.restore': 'staff',
  'items.delete': 'admin',
  'inventory.overview': 'viewer',
  'sales.create': 'staff',
  'sales.get': 'viewer',
  'sales.list': 'viewer',
  'sales.void': 'admin',
  'sales.return': 'staff',
  'reports.sales': 'viewer',
  'reports.inventoryValue': 'viewer',
  'reports.topSellers': 'viewer',
  'reports.slowMovers': 'viewer',
  'imports.create': 'staff',
  'imports.createUploadUrl': 'staff',
  'imports.get': 'staff',
  'imports.list': 'staff',
  'imports.cancel': 'staff',
  'imports.errors': 'staff',
  'audit.list': 'admin',
} as const satisfies Record<string, Access>;

export const accessOf = (path: string): Access | undefined => (procedureAccess as Record<string, Access>)[path];

/**
 * The HTTP routes outside the router (they stream CSV, which a procedure cannot answer), with
 * their minimum role. They resolve the caller through the same vendor tier as every procedure
 * (src/trpc/vendor-access.ts).
 */
export const routeAccess = {
  'GET /exports/items.csv': 'viewer',
  'GET /exports/sales.csv': 'admin',
} as const satisfies Record<string, MemberRole>;
