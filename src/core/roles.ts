import type { MemberRole } from '../modules/vendors/contract.js';

const rank: Record<MemberRole, number> = { viewer: 0, staff: 1, admin: 2, owner: 3 };

/** True when `role` is at least `minimum` in owner > admin > staff > viewer. */
export const hasRole = (role: MemberRole, minimum: MemberRole): boolean => rank[role] >= rank[minimum];
