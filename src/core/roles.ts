export const memberRoles = ['owner', 'admin', 'staff', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberStatuses = ['pending', 'active', 'declined', 'revoked'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const storeAccessRoles = ['manager', 'sales', 'view_only'] as const;
export type StoreAccessRole = (typeof storeAccessRoles)[number];

const rank: Record<MemberRole, number> = { viewer: 0, staff: 1, admin: 2, owner: 3 };

/** True when `role` is at least `minimum` in owner > admin > staff > viewer. */
export const hasRole = (role: MemberRole, minimum: MemberRole): boolean => rank[role] >= rank[minimum];
