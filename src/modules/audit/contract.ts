import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { pageOf, paginationFields } from '../../contract/pagination.js';
import { instant, label } from '../../contract/text.js';

export const listAuditInput = z
  .object({
    entity: label(50).optional(),
    entityId: idSchema.optional(),
    actorId: idSchema.optional(),
    /** The procedure that changed the data, e.g. `items.update`. */
    action: label(100).optional(),
    from: instant().optional(),
    /** Exclusive. */
    to: instant().optional(),
    ...paginationFields,
  })
  .strict();
export type ListAuditQuery = z.output<typeof listAuditInput>;

export const activityInput = z.object(paginationFields).strict();

const change = z.object({ before: z.unknown(), after: z.unknown() });
export const auditEventOutput = z.object({
  id: idSchema,
  actorId: idSchema.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: idSchema.nullable(),
  changes: z.record(z.string(), change),
  requestId: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: timestampOutput,
}).meta({ id: 'AuditEvent' });
export const auditPageOutput = pageOf(auditEventOutput);
export type AuditEventOutput = z.infer<typeof auditEventOutput>;
