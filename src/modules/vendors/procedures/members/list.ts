import { z } from 'zod';
import { vendorProcedure } from '../../../../trpc/procedures.js';
import { listedMemberOutput } from '../../contract.js';
import { listMembers } from '../../selectors/members.js';

export const listMembersProcedure = vendorProcedure.output(z.array(listedMemberOutput)).query(({ ctx }) => listMembers(ctx.em, ctx.vendor));
