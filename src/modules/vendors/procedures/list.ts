import { z } from 'zod';
import { authedProcedure } from '../../../trpc/procedures.js';
import { myVendorOutput } from '../contract.js';
import { listMyVendors } from '../selectors/memberships.js';

export const listVendorsProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/vendors', tags: ['vendors'],
      summary: 'The vendors you belong to',
    },
  })
  .output(z.array(myVendorOutput))
  .query(({ ctx }) => listMyVendors(ctx.em, ctx.user));
