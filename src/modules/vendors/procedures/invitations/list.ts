import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { invitationOutput } from '../../contract.js';
import { listVendorInvitations } from '../../selectors/invitations.js';

export const listInvitationsProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/invitations', tags: ['invitations'],
      summary: 'The vendor\'s invitations',
    },
  })
  .output(z.array(invitationOutput))
  .query(({ ctx }) => listVendorInvitations(ctx.em, ctx.vendor));
