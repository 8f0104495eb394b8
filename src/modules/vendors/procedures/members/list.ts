import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listMembers } from '../../selectors/members.js';

export const listMembersProcedure = vendorProcedure.query(({ ctx }) => listMembers(ctx.em, ctx.vendor));
