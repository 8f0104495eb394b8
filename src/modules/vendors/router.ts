import { router } from '../../trpc/procedures.js';
import { createVendorProcedure } from './procedures/create.js';
import { currentVendorProcedure } from './procedures/current.js';
import { acceptInvitationProcedure } from './procedures/invitations/accept.js';
import { createInvitationProcedure } from './procedures/invitations/create.js';
import { declineInvitationProcedure } from './procedures/invitations/decline.js';
import { listInvitationsProcedure } from './procedures/invitations/list.js';
import { myInvitationsProcedure } from './procedures/invitations/mine.js';
import { revokeInvitationProcedure } from './procedures/invitations/revoke.js';
import { listVendorsProcedure } from './procedures/list.js';
import { listMembersProcedure } from './procedures/members/list.js';
import { removeMemberProcedure } from './procedures/members/remove.js';
import { updateMemberRoleProcedure } from './procedures/members/update-role.js';
import { archiveStoreProcedure } from './procedures/stores/archive.js';
import { createStoreProcedure } from './procedures/stores/create.js';
import { grantStoreAccessProcedure } from './procedures/stores/grant-access.js';
import { listStoresProcedure } from './procedures/stores/list.js';
import { revokeStoreAccessProcedure } from './procedures/stores/revoke-access.js';
import { updateStoreProcedure } from './procedures/stores/update.js';
import { switchVendorProcedure } from './procedures/switch.js';
import { updateVendorProcedure } from './procedures/update.js';

export const vendorsRouter = router({
  current: currentVendorProcedure,
  update: updateVendorProcedure,
  list: listVendorsProcedure,
  create: createVendorProcedure,
  switch: switchVendorProcedure,
});

export const storesRouter = router({
  list: listStoresProcedure,
  create: createStoreProcedure,
  update: updateStoreProcedure,
  archive: archiveStoreProcedure,
  grantAccess: grantStoreAccessProcedure,
  revokeAccess: revokeStoreAccessProcedure,
});

export const membersRouter = router({
  list: listMembersProcedure,
  updateRole: updateMemberRoleProcedure,
  remove: removeMemberProcedure,
});

export const invitationsRouter = router({
  create: createInvitationProcedure,
  list: listInvitationsProcedure,
  revoke: revokeInvitationProcedure,
  mine: myInvitationsProcedure,
  accept: acceptInvitationProcedure,
  decline: declineInvitationProcedure,
});
