import { authedProcedure } from '../../../trpc/procedures.js';
import { meOutput } from '../contract.js';
import { selectMe } from '../selectors/me.js';

export const meProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/me', tags: ['users'],
      summary: 'You: account, profile, memberships and the vendor you work in',
    },
  })
  .output(meOutput)
  .query(({ ctx }) => selectMe(ctx.em, ctx.user));
