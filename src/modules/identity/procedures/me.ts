import { authedProcedure } from '../../../trpc/procedures.js';
import { meOutput } from '../contract.js';
import { selectMe } from '../selectors/me.js';

export const meProcedure = authedProcedure.output(meOutput).query(({ ctx }) => selectMe(ctx.em, ctx.user));
