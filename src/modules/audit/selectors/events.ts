import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { instant } from '../../../contract/text.js';
import { decodeCursor, keysetFilter, toPage } from '../../../core/pagination.js';
import type { AuditEventOutput, ListAuditQuery } from '../contract.js';
import { AuditEvent, type IAuditEvent } from '../entities.js';

const toEventDto = (e: IAuditEvent): AuditEventOutput => ({
  id: e.id,
  actorId: e.actorId ?? null,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId ?? null,
  changes: e.changes,
  requestId: e.requestId,
  ip: e.ip ?? null,
  userAgent: e.userAgent ?? null,
  createdAt: e.createdAt.toISOString(),
});

/** Events matching `where`, newest first, paginated by (createdAt, id). */
async function pageOfEvents(em: EntityManager, where: FilterQuery<IAuditEvent>, page: { limit: number; cursor?: string }) {
  const after = page.cursor ? [keysetFilter('createdAt', 'desc', decodeCursor(page.cursor, instant()))] : [];
  const [rows, total] = await Promise.all([
    em.find(AuditEvent, { $and: [where, ...after] } as FilterQuery<IAuditEvent>, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: page.limit + 1 }),
    em.count(AuditEvent, where),
  ]);
  return toPage(rows, page.limit, total, (e) => e.createdAt.toISOString(), toEventDto);
}

/** audit.list: one vendor's events (never another's, never account events), filtered. */
export function listAuditEvents(em: EntityManager, vendorId: string, q: ListAuditQuery) {
  const where: FilterQuery<IAuditEvent> = {
    vendorId,
    ...(q.entity !== undefined ? { entity: q.entity } : {}),
    ...(q.entityId !== undefined ? { entityId: q.entityId } : {}),
    ...(q.actorId !== undefined ? { actorId: q.actorId } : {}),
    ...(q.action !== undefined ? { action: q.action } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) } } : {}),
  };
  return pageOfEvents(em, where, q);
}

/**
 * users.activity: the account events of one user (sign-ins and failed attempts, reused refresh
 * tokens, password changes and resets, logouts, profile changes), which belong to no vendor. The
 * silent token refresh every few minutes is audited too, but is not activity a person reads.
 */
export const listAccountActivity = (em: EntityManager, userId: string, page: { limit: number; cursor?: string }) =>
  pageOfEvents(em, { vendorId: null, entity: 'User', entityId: userId, action: { $ne: 'auth.refresh' } }, page);
