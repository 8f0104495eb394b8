import { memberRoles, type MemberRole } from '@api/modules/vendors/contract';

/** owner > admin > staff > viewer, in the contract's order (owner first), as the server ranks them. */
export const hasRole = (role: MemberRole | undefined, minimum: MemberRole) =>
  role !== undefined && memberRoles.indexOf(role) <= memberRoles.indexOf(minimum);
