import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { invalidInput, type AppError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { insertRowsCte, joinSql, type Sql } from '../../../db/sql.js';
import type { Transaction } from '../../../db/write.js';
import type { IUser } from '../../identity/entities.js';
import { pick } from '../../audit/changes.js';
import { attributeSchemas, cardDetailsSchema, genericAttributes, priceFields, type CardDetailsInput, type ItemCategory, type PriceField } from '../contract.js';
import { CardDetails, type IItem } from '../entities.js';

/** Attributes are checked against the item's category (which an update may take from the stored item). */
export function validAttributes(category: ItemCategory, attributes: Record<string, unknown>): Record<string, unknown> {
  const parsed = (attributeSchemas[category] ?? genericAttributes).safeParse(attributes);
  if (parsed.success) return parsed.data;
  throw badInput(['attributes'], parsed.error);
}

function badInput(prefix: string[], error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)], message: i.message }));
  return invalidInput(issues);
}

/** Merges card details into the item's (creating them), or removes them for `null`. */
export function applyCardDetails(em: EntityManager, item: IItem, details: CardDetailsInput | null) {
  if (details === null) {
    if (item.cardDetails) em.remove(item.cardDetails);
    item.cardDetails = null;
    return;
  }
  if (item.cardDetails) em.assign(item.cardDetails, details);
  else item.cardDetails = em.create(CardDetails, { item, ...details });
}

/** What items.list searches, kept lower-case next to the row so one trigram index serves it. */
export const searchTextOf = (item: IItem): string =>
  [item.name, item.sku, item.description, item.cardDetails?.setName].filter(Boolean).join(' ').toLowerCase();

type Row = Record<string, unknown>;

/** One price-history row for each price field whose value differs from `before` (null: a new item). */
export function priceChangesOf(item: IItem, before: Record<PriceField, string> | null, actor: IUser | null): Row[] {
  const createdAt = new Date();
  return priceFields.flatMap((field) => {
    const oldValue = before?.[field] ?? null;
    if (oldValue === item[field] || (oldValue === null && item[field] === '0.00')) return [];
    return [{ id: newId(), item_id: item.id, field, old_value: oldValue, new_value: item[field], actor_id: actor?.id ?? null, source: 'manual', created_at: createdAt }];
  });
}

/** A new item's initial stock: its first ledger entry. Later changes go through changeStock. */
export const intakeOf = (item: IItem, actor: IUser | null): Row => ({
  id: newId(),
  item_id: item.id,
  vendor_id: item.vendor.id,
  store_id: item.store.id,
  delta: item.quantity,
  quantity_before: 0,
  quantity_after: item.quantity,
  reason: 'intake',
  actor_id: actor?.id ?? null,
  created_at: new Date(),
});

/**
 * An item write's ledger rows (price history, the intake movement) with the transaction's pending
 * audit events, in one statement instead of an insert per table. The item row must be written
 * already: the ledgers reference it.
 */
export async function writeItemLedgers(tx: Transaction, rows: { priceChanges: Row[]; movements: Row[] }): Promise<void> {
  const ctes = [
    rows.priceChanges.length > 0 && insertRowsCte('price_changes', 'price_changes', rows.priceChanges),
    rows.movements.length > 0 && insertRowsCte('stock_movements', 'stock_movements', rows.movements),
    tx.auditCte(),
  ].filter((cte): cte is Sql => Boolean(cte));
  if (!ctes.length) return;
  const statement = joinSql(ctes, ', ');
  await tx.em.execute(`with ${statement.text} select 1`, [...statement.params], 'run');
}

const itemFields = ['name', 'sku', 'description', 'category', 'condition', 'status', 'quantity', 'intakePrice', 'price', 'projectedPrice', 'imageUrl', 'attributes'] as const;

const cardFields = Object.keys(cardDetailsSchema.shape) as (keyof CardDetailsInput)[];

/** The item as the audit log compares it: its fields, store, card details and gallery. */
export const itemSnapshot = (item: IItem): Record<string, unknown> => ({
  ...pick(item, itemFields),
  storeId: item.store.id,
  cardDetails: item.cardDetails ? pick(item.cardDetails, cardFields) : null,
  images: item.images.isInitialized() ? item.images.getItems().map((image) => image.url) : undefined,
});
