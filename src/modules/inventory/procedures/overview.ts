import { vendorProcedure } from '../../../trpc/procedures.js';
import { inventoryOverview } from '../selectors/overview.js';

export const overviewProcedure = vendorProcedure.query(({ ctx }) => inventoryOverview(ctx.em, ctx));
