import { conflict, invalidInput, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { sqlArray, uuidV7Sql } from '../../../db/sql.js';
import type { AuditRecord, Transaction, VendorWriteContext } from '../../../db/write.js';
import { assertCanInStore, canReadStore, type StoreScope } from '../../vendors/selectors/store-scope.js';
import { MAX_STOCK, type ItemOutput, type MovementReason } from '../contract.js';
import { itemJsonSql } from '../selectors/item-json.js';

/** One line of a stock change: an item and how many units it gains (> 0) or loses (< 0). */
export interface StockLine {
  itemId: string;
  delta: number;
}

export interface StockChangeOptions {
  reason: MovementReason;
  note?: string | null;
  /** What caused the change, e.g. a sale's id. */
  reference?: string | null;
  /** The input path of a line, for the BAD_REQUEST when it would pass the maximum stock. */
  pathOf?: (lineIndex: number) => (string | number)[];
  /** Bump the items' version and updatedAt (default). Off for a caller that bumps them itself. */
  touch?: boolean;
  /**
   * For a caller that has not checked the items yet: each must be in a store the actor can read
   * (else NOT_FOUND, as a missing one) and manage (else FORBIDDEN), checked on the locked rows.
   */
  managedIn?: StoreScope;
  /** The change's audit events, from its movements: written by the change's own statement. */
  audit?: (movements: RecordedMovement[]) => AuditRecord[];
  /** Answer the changed items as the API's JSON too, read by the same statement. */
  returnItems?: boolean;
}

export interface RecordedMovement {
  id: string;
  itemId: string;
  storeId: string;
  delta: number;
  quantityBefore: number;
  quantityAfter: number;
  reason: MovementReason;
  note: string | null;
  reference: string | null;
  actorId: string | null;
  createdAt: Date;
}

interface LockedItem {
  id: string;
  quantity: number;
  store_id: string;
}

export interface StockChange {
  movements: RecordedMovement[];
  /** The changed items after the change, in id order (with `returnItems` only; else empty). */
  items: ItemOutput[];
}

/**
 * The one way a quantity changes. Every item of the change is locked in id order (two changes
 * over the same items then queue instead of deadlocking), the lines of one item are summed and
 * checked against its locked quantity, and the change either applies whole or not at all:
 * CONFLICT naming every short item with what it has (`available`), or BAD_REQUEST for a line
 * that would pass MAX_STOCK. One movement is written per line, with running before/after
 * quantities. Two statements whatever the number of lines: the locking read, then the update
 * with its movements and the transaction's pending audit events (see `auditCte`); being the
 * last write, it holds the totals rows its trigger updates for one round trip and the commit.
 */
export async function changeStock(tx: Transaction<VendorWriteContext>, lines: StockLine[], options: StockChangeOptions): Promise<StockChange> {
  const ids = [...new Set(lines.map((line) => line.itemId))].sort();
  const locked = await tx.em.execute<LockedItem[]>(
    'select id, quantity, store_id from items where vendor_id = ? and id = any(?::uuid[]) order by id for update',
    [tx.vendor.id, sqlArray(ids)],
  );
  if (locked.length !== ids.length) throw notFound('Item');
  if (options.managedIn) assertManaged(options.managedIn, locked);
  const quantities = new Map(locked.map((item) => [item.id, item.quantity]));
  assertFits(lines, quantities, options);

  const createdAt = new Date();
  const movements = lines.map((line): RecordedMovement => {
    const before = quantities.get(line.itemId)!;
    quantities.set(line.itemId, before + line.delta);
    return {
      id: newId(),
      itemId: line.itemId,
      storeId: locked.find((item) => item.id === line.itemId)!.store_id,
      delta: line.delta,
      quantityBefore: before,
      quantityAfter: before + line.delta,
      reason: options.reason,
      note: options.note ?? null,
      reference: options.reference ?? null,
      actorId: tx.user?.id ?? null,
      createdAt,
    };
  });
  for (const record of options.audit?.(movements) ?? []) tx.audit(record);
  const audited = tx.auditCte();
  const touch = options.touch === false ? '' : ', version = i.version + 1, updated_at = now()';
  const rows = await tx.em.execute<{ item: ItemOutput | null }[]>(
    `with moved as (
       update items i set quantity = c.quantity${touch}
         from unnest(?::uuid[], ?::int[]) as c(id, quantity) where i.id = c.id
       returning i.*
     ), logged as (
       insert into stock_movements (id, item_id, vendor_id, store_id, delta, quantity_before, quantity_after, reason, note, reference, actor_id, created_at)
       select m.id, m.item_id, ?, m.store_id, m.delta, m.before, m.after, ?, ?, ?, ?, ?
         from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[], ?::int[]) as m(id, item_id, store_id, delta, before, after)
     )${audited ? `, ${audited.text}` : ''}
     select ${options.returnItems ? itemJsonSql('moved').text : 'null'} as item from moved order by moved.id`,
    [
      sqlArray([...quantities.keys()]),
      sqlArray([...quantities.values()]),
      tx.vendor.id,
      options.reason,
      options.note ?? null,
      options.reference ?? null,
      tx.user?.id ?? null,
      createdAt,
      ...(['id', 'itemId', 'storeId', 'delta', 'quantityBefore', 'quantityAfter'] as const).map((column) => sqlArray(movements.map((m) => m[column]))),
      ...(audited?.params ?? []),
    ],
  );
  return { movements, items: options.returnItems ? rows.map((row) => row.item!) : [] };
}

/** Every locked item in a store the actor reads (else NOT_FOUND, as if missing) and manages (else FORBIDDEN). */
function assertManaged(scope: StoreScope, locked: LockedItem[]): void {
  if (locked.some((item) => !canReadStore(scope, item.store_id))) throw notFound('Item');
  for (const item of locked) assertCanInStore(scope, 'manage', item.store_id);
}

/** Every short item answers at once (CONFLICT); a line past the maximum is a BAD_REQUEST on its path. */
function assertFits(lines: StockLine[], quantities: Map<string, number>, options: StockChangeOptions): void {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.itemId, (totals.get(line.itemId) ?? 0) + line.delta);
  const short = [...totals].filter(([id, delta]) => quantities.get(id)! + delta < 0);
  if (short.length) {
    const shortItems = short.map(([itemId, delta]) => ({ itemId, requested: -delta, available: quantities.get(itemId)! }));
    const what = shortItems.map((s) => `${s.available} available of ${s.requested} wanted`).join('; ');
    throw conflict(`Not enough stock: ${what}`, { available: shortItems[0]!.available, shortItems });
  }
  const over = lines.findIndex((line) => quantities.get(line.itemId)! + totals.get(line.itemId)! > MAX_STOCK);
  if (over >= 0) {
    const path = options.pathOf?.(over) ?? ['lines', over];
    const message = `would take the stock above the maximum of ${MAX_STOCK.toLocaleString('en')} units`;
    throw invalidInput([{ path, message }]);
  }
}

export interface StockLevelOptions {
  reason: MovementReason;
  note?: string | null;
  reference?: string | null;
}

/**
 * The set-based form of changeStock, for writers of many items at once (imports): there is no
 * second way to change a quantity, only a second way to say which. The caller's statement sets
 * the quantities (an import's one INSERT ... ON CONFLICT DO UPDATE, so each item row is written
 * once) and this primitive turns what it did into the ledger in the same statement: `moves` are
 * CTE definitions ending in `moved(id, store_id, before, after)`, one row per item written, and
 * every row whose quantity changed becomes one movement, its delta `after - before`. No list of
 * bind parameters is involved, whatever the number of items.
 *
 * The invariants stay changeStock's, and the caller must meet the one this cannot see:
 * - `before` is the quantity the item had, read after the caller locked the items in id order in
 *   this transaction (as changeStock does, so it queues behind sales instead of deadlocking with
 *   them); a new item's `before` is 0;
 * - a quantity is never below zero nor above MAX_STOCK: the import's rows are validated by the
 *   items schema, and the items CHECK refuses anything else, rolling the whole write back;
 * - the ledger adds up to the quantity: the movement is written by the statement that sets it,
 *   from the locked `before`.
 * Answers how many movements were written.
 */
export async function writeStockLevels(tx: Transaction<VendorWriteContext>, moves: { ctes: string; params: unknown[] }, options: StockLevelOptions): Promise<number> {
  const result = await tx.em.execute(
    `with ${moves.ctes}
     insert into stock_movements (id, item_id, vendor_id, store_id, delta, quantity_before, quantity_after, reason, note, reference, actor_id, created_at)
     select ${uuidV7Sql}, m.id, ?, m.store_id, m.after - m.before, m.before, m.after, ?, ?, ?, ?, now() from moved m where m.after <> m.before`,
    [...moves.params, tx.vendor.id, options.reason, options.note ?? null, options.reference ?? null, tx.user?.id ?? null],
    'run',
  );
  return (result as unknown as { affectedRows: number }).affectedRows;
}
