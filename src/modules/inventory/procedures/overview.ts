import { vendorProcedure } from '../../../trpc/procedures.js';
import { overviewOutput } from '../contract.js';
import { inventoryOverview } from '../selectors/overview.js';

export const overviewProcedure = vendorProcedure.output(overviewOutput).query(({ ctx }) => inventoryOverview(ctx.em, ctx));
