import { authedProcedure } from '../../../trpc/procedures.js';
import { activityInput, auditPageOutput } from '../../audit/contract.js';
import { listAccountActivity } from '../../audit/selectors/events.js';

/** The caller's own account events, newest first: a user can see that someone else tried their account. */
export const activityProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/me/activity', tags: ['users'],
      summary: 'Your account\'s events, newest first',
    },
  })
  .input(activityInput.optional())
  .output(auditPageOutput)
  .query(({ ctx, input }) => listAccountActivity(ctx.em, ctx.user.id, input ?? { limit: 50 }));
