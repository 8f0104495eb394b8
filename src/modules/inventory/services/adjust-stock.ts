import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { MovementReason } from '../contract.js';
import { findItemInScope } from './item-access.js';
import { changeStock } from './stock.js';

export interface AdjustStockInput {
  id: string;
  delta: number;
  reason: MovementReason;
  note?: string | null;
}

/** Moves one item's stock by `delta` through the one stock path; never below zero (CONFLICT with `available`). */
export function adjustStock(wc: VendorWriteContext, input: AdjustStockInput) {
  return write(wc, async (tx) => {
    const { item } = await findItemInScope(tx.em, tx, input.id, { write: true });
    const [movement] = await changeStock(tx, [{ itemId: item.id, delta: input.delta }], { reason: input.reason, note: input.note, pathOf: () => ['delta'] });
    tx.audit({ entity: 'Item', entityId: item.id, changes: changesOf({ quantity: movement!.quantityBefore }, { quantity: movement!.quantityAfter }) });
    await tx.em.refresh(item, { populate: ['cardDetails', 'images'] });
    return { item, movement: movement! };
  });
}
