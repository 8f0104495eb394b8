import { authedProcedure } from '../../../../trpc/procedures.js';
import { listMyInvitations } from '../../selectors/invitations.js';

export const myInvitationsProcedure = authedProcedure.query(({ ctx }) => listMyInvitations(ctx.em, ctx.user));
