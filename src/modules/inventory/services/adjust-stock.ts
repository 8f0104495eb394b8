import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import type { MovementReason } from '../contract.js';
import { findItemInScope, type Actor } from './item-access.js';
import { recordMovement } from './item-content.js';

export interface AdjustStockInput {
  id: string;
  delta: number;
  reason: MovementReason;
  note?: string | null;
}

/**
 * Moves stock by `delta` with ONE conditional UPDATE: the row lock it takes serialises concurrent
 * adjustments (none is lost), and the `quantity + delta >= 0` condition is re-checked against the
 * committed quantity, so stock never goes negative. The movement is written in the same transaction.
 */
export async function adjustStock(em: EntityManager, actor: Actor, input: AdjustStockInput) {
  return em.transactional(async (tx) => {
    const { item } = await findItemInScope(tx, actor, input.id, { write: true });
    const [updated] = await tx.execute<{ quantity: number }[]>(
      'update items set quantity = quantity + ?, version = version + 1, updated_at = now() where id = ? and quantity + ? >= 0 returning quantity',
      [input.delta, item.id, input.delta],
    );
    if (!updated) {
      const [current] = await tx.execute<{ quantity: number }[]>('select quantity from items where id = ?', [item.id]);
      const available = current?.quantity ?? 0;
      throw conflict(`Not enough stock: ${available} available`, { available });
    }
    await tx.refresh(item, { populate: ['cardDetails', 'images'] });
    const movement = recordMovement(tx, item, actor.user, {
      quantityBefore: updated.quantity - input.delta,
      quantityAfter: updated.quantity,
      reason: input.reason,
      note: input.note ?? null,
    });
    return { item, movement };
  });
}
