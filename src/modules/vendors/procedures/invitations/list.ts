import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listVendorInvitations } from '../../selectors/invitations.js';

export const listInvitationsProcedure = vendorProcedure.query(({ ctx }) => listVendorInvitations(ctx.em, ctx.vendor));
