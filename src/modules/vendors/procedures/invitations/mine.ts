import { z } from 'zod';
import { authedProcedure } from '../../../../trpc/procedures.js';
import { myInvitationOutput } from '../../contract.js';
import { listMyInvitations } from '../../selectors/invitations.js';

export const myInvitationsProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/me/invitations', tags: ['invitations'],
      summary: 'Invitations sent to your email',
    },
  })
  .output(z.array(myInvitationOutput))
  .query(({ ctx }) => listMyInvitations(ctx.em, ctx.user));
