import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { appendOnly, idColumn } from '../../db/columns.js';

/**
 * One change to the data, or one account security event, written in the transaction of what it
 * records. Append-only: a trigger refuses UPDATE and DELETE. Vendor and actor are plain ids, not
 * foreign keys, so the log outlives what it speaks of.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  triggers: [appendOnly({ purgeable: false })],
  indexes: [
    // audit.list: a vendor's events, newest first.
    { properties: ['vendorId', 'createdAt', 'id'] },
    // users.activity: a user's account events (vendor null), newest first.
    { name: 'audit_events_account_index', expression: 'create index "audit_events_account_index" on "audit_events" ("entity_id", "created_at", "id") where "vendor_id" is null' },
  ],
  properties: {
    id: idColumn(),
    /** Null for account events (sign-ins, password changes), which belong to no vendor. */
    vendorId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    action: p.string().length(100),
    entity: p.string().length(50),
    entityId: p.uuid().nullable(),
    changes: p.json<Record<string, { before: unknown; after: unknown }>>(),
    requestId: p.string().length(100),
    ip: p.string().length(100).nullable(),
    userAgent: p.string().length(500).nullable(),
    createdAt: p.datetime(3).onCreate(() => new Date()),
  },
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;

export const auditEntities = [AuditEvent];
