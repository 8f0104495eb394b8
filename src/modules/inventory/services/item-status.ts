import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../core/errors.js';
import { sqlArray } from '../../../db/sql.js';
import { write, type VendorWriteContext } from '../../../db/write.js';
import { changesOf } from '../../audit/changes.js';
import type { ItemStatus } from '../contract.js';
import { SaleLine } from '../../sales/entities.js';
import { ItemImage } from '../entities.js';
import { discardWhenUnused } from './gallery.js';
import { findItemInScope } from './item-access.js';

/** Archive or restore: the item and its history stay; only its status (and version) change. */
export function setItemStatus(wc: VendorWriteContext, id: string, status: ItemStatus) {
  return write(wc, async (tx) => {
    const { item } = await findItemInScope(tx.em, tx, id, { write: true, lock: true });
    tx.audit({ entity: 'Item', entityId: item.id, changes: changesOf({ status: item.status }, { status }) });
    if (item.status !== status) {
      item.status = status;
      item.version += 1;
    }
    await tx.em.populate(item, ['cardDetails', 'images']);
    return item;
  });
}

/**
 * Permanent delete, with its card details, images, ledger and price history, of an item on no
 * sale line (voided sales too): a sold item's history belongs to its sales, so it can only be
 * archived. The row lock waits for a sale of the item in progress. The ledgers are
 * append-only in the database; this is the one path allowed to remove them (purgeItems).
 */
export function deleteItem(wc: VendorWriteContext, id: string) {
  return write(wc, async (tx) => {
    const { item } = await findItemInScope(tx.em, tx, id, { write: true, lock: true });
    if (await tx.em.count(SaleLine, { item })) throw conflict('This item is on a sale; archive it instead');
    const imageUrls = (await tx.em.find(ItemImage, { item }, { fields: ['url'] })).map((image) => image.url);
    tx.audit({ entity: 'Item', entityId: item.id, changes: changesOf({ name: item.name, sku: item.sku, quantity: item.quantity }, null) });
    await purgeItems(tx.em, [item.id]);
    await discardWhenUnused(tx, imageUrls);
  });
}

/**
 * Deletes items with everything that hangs off them, stock movements and price changes included.
 * Those two tables refuse UPDATE and DELETE (a trigger, see the append-only migration) unless the
 * transaction has set `omni.ledger_purge`: this function is the only place that sets it, and only
 * for its own statement.
 */
export async function purgeItems(tx: EntityManager, itemIds: string[]): Promise<void> {
  if (!itemIds.length) return;
  await tx.execute("select set_config('omni.ledger_purge', 'on', true)");
  await tx.execute('delete from items where id = any(?::uuid[])', [sqlArray(itemIds)], 'run');
  await tx.execute("select set_config('omni.ledger_purge', 'off', true)");
}
