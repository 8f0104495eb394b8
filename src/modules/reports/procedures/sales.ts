import { vendorProcedure } from '../../../trpc/procedures.js';
import { salesReportInput, salesReportOutput } from '../contract.js';
import { salesReport } from '../selectors/sales-report.js';

export const salesReportProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/reports/sales', tags: ['reports'],
      summary: 'Revenue, tax, returns, cost of goods and margin of a period, by time (in the vendor time zone), category, store, payment method, item or staff',
    },
  })
  .input(salesReportInput)
  .output(salesReportOutput)
  .query(({ ctx, input }) => salesReport(ctx.em, ctx, input));
