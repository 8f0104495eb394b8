import { memberRoles, type MemberRole } from '@api/modules/vendors/contract';
import { hasRole } from '../auth/roles';

export const roleLabels: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', staff: 'Staff', viewer: 'Viewer' };

export const roleHints: Record<MemberRole, string> = {
  owner: 'everything, including owners and the shop itself',
  admin: 'team, stores, settings and all stock',
  staff: 'sells and changes stock in their stores',
  viewer: 'sees stock in their stores, changes nothing',
};

/** The roles `mine` may give (the server's rule: never above your own). */
export const grantableRoles = (mine: MemberRole | undefined) => memberRoles.filter((role) => hasRole(mine, role));
