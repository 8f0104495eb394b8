import { authedProcedure } from '../../../trpc/procedures.js';
import { selectMe } from '../selectors/me.js';

export const meProcedure = authedProcedure.query(({ ctx }) => selectMe(ctx.em, ctx.user));
