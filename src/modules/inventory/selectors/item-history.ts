import type { EntityManager } from '@mikro-orm/postgresql';
import { instant } from '../../../contract/text.js';
import { decodeCursor, keysetFilter, toPage } from '../../../core/pagination.js';
import { toMovementDto, toPriceChangeDto } from '../dto.js';
import { PriceChange, StockMovement } from '../entities.js';
import { findItemInScope, type VendorActor } from '../services/item-access.js';


/** An item's ledger, newest first, paginated by (createdAt, id). */
export async function listMovements(em: EntityManager, actor: VendorActor, q: { id: string; limit: number; cursor?: string }) {
  const { item } = await findItemInScope(em, actor, q.id);
  const after = q.cursor ? [keysetFilter('createdAt', 'desc', decodeCursor(q.cursor, instant()))] : [];
  const rows = await em.find(StockMovement, { $and: [{ item }, ...after] }, {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: q.limit + 1,
  });
  const total = await em.count(StockMovement, { item });
  return toPage(rows, q.limit, total, (m) => m.createdAt.toISOString(), toMovementDto);
}

/** Every price change of an item, oldest first. */
export async function listPriceHistory(em: EntityManager, actor: VendorActor, id: string) {
  const { item } = await findItemInScope(em, actor, id);
  const changes = await em.find(PriceChange, { item }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return changes.map(toPriceChangeDto);
}
