import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listedMemberOutput } from '../../contract.js';
import { listMembers } from '../../selectors/members.js';

export const listMembersProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/members', tags: ['members'],
      summary: 'The vendor\'s members',
    },
  })
  .output(z.array(listedMemberOutput))
  .query(({ ctx }) => listMembers(ctx.em, ctx.vendor));
