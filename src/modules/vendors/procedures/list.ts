import { authedProcedure } from '../../../trpc/procedures.js';
import { listMyVendors } from '../selectors/memberships.js';

export const listVendorsProcedure = authedProcedure.query(({ ctx }) => listMyVendors(ctx.em, ctx.user));
