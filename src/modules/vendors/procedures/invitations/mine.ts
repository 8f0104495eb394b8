import { z } from 'zod';
import { authedProcedure } from '../../../../trpc/procedures.js';
import { myInvitationOutput } from '../../contract.js';
import { listMyInvitations } from '../../selectors/invitations.js';

export const myInvitationsProcedure = authedProcedure.output(z.array(myInvitationOutput)).query(({ ctx }) => listMyInvitations(ctx.em, ctx.user));
