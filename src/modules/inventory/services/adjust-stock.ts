import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import { storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { MovementReason } from '../contract.js';
import { changeStock } from './stock.js';

export interface AdjustStockInput {
  id: string;
  delta: number;
  reason: MovementReason;
  note?: string | null;
}

/**
 * Moves one item's stock by `delta` through the one stock path; never below zero (CONFLICT with
 * `available`). Two statements: the item is checked on its locked row (NOT_FOUND outside the
 * actor's stores, FORBIDDEN where they do not manage stock), and the update writes the movement
 * and the audit event and reads the item back.
 */
export function adjustStock(wc: VendorWriteContext, input: AdjustStockInput) {
  return write(wc, async (tx) => {
    // Ids as PostgreSQL writes them (lower case), whatever case the client sent.
    const itemId = input.id.toLowerCase();
    const { movements: [movement], items: [item] } = await changeStock(tx, [{ itemId, delta: input.delta }], {
      reason: input.reason,
      note: input.note,
      pathOf: () => ['delta'],
      managedIn: await storeScopeOf(tx.em, tx.member),
      audit: ([moved]) => [{ entity: 'Item', entityId: itemId, changes: changesOf({ quantity: moved!.quantityBefore }, { quantity: moved!.quantityAfter }) }],
      returnItems: true,
    });
    return { item: item!, movement: movement! };
  });
}
