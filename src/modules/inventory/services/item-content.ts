import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { invalidInput, type AppError } from '../../../core/errors.js';
import type { IUser } from '../../identity/entities.js';
import { pick } from '../../audit/changes.js';
import { attributeSchemas, cardDetailsSchema, genericAttributes, priceFields, type CardDetailsInput, type ItemCategory, type PriceField } from '../contract.js';
import { CardDetails, PriceChange, StockMovement, type IItem } from '../entities.js';

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

/** One price-history row for each price field whose value differs from `before` (null: a new item). */
export function recordPriceChanges(em: EntityManager, item: IItem, before: Record<PriceField, string> | null, actor: IUser | null) {
  for (const field of priceFields) {
    const oldValue = before?.[field] ?? null;
    if (oldValue === item[field] || (oldValue === null && item[field] === '0.00')) continue;
    em.create(PriceChange, { item, field, oldValue, newValue: item[field], actor, source: 'manual' });
  }
}

/** A new item's initial stock: its first ledger entry. Later changes go through changeStock. */
export const recordIntake = (em: EntityManager, item: IItem, actor: IUser | null) =>
  em.create(StockMovement, {
    item,
    vendor: item.vendor,
    store: item.store,
    delta: item.quantity,
    quantityBefore: 0,
    quantityAfter: item.quantity,
    reason: 'intake',
    actor,
  });

const itemFields = ['name', 'sku', 'description', 'category', 'condition', 'status', 'quantity', 'intakePrice', 'price', 'projectedPrice', 'imageUrl', 'attributes'] as const;

const cardFields = Object.keys(cardDetailsSchema.shape) as (keyof CardDetailsInput)[];

/** The item as the audit log compares it: its fields, store, card details and gallery. */
export const itemSnapshot = (item: IItem): Record<string, unknown> => ({
  ...pick(item, itemFields),
  storeId: item.store.id,
  cardDetails: item.cardDetails ? pick(item.cardDetails, cardFields) : null,
  images: item.images.isInitialized() ? item.images.getItems().map((image) => image.url) : undefined,
});
