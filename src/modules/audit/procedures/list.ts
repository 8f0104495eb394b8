import { vendorProcedure } from '../../../trpc/procedures.js';
import { auditPageOutput, listAuditInput } from '../contract.js';
import { listAuditEvents } from '../selectors/events.js';

export const listAuditProcedure = vendorProcedure
  .meta({
    openapi: {
      method: 'GET', path: '/audit-events', tags: ['audit'],
      summary: 'The vendor\'s audit trail, newest first',
    },
  })
  .input(listAuditInput)
  .output(auditPageOutput)
  .query(({ ctx, input }) => listAuditEvents(ctx.em, ctx.vendor.id, input));
