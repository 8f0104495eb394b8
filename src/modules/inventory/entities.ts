import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { appendOnly, createdAtColumn, idColumn } from '../../db/columns.js';
import { User } from '../identity/entities.js';
import { Store, Vendor } from '../vendors/entities.js';
import { inventoryTotalsTriggers } from './totals-sql.js';
import { cardFinishes, gradingCompanies, itemCategories, itemStatuses, MAX_STOCK, movementReasons, priceFields, priceSources } from './contract.js';

// numeric(12,2): MikroORM's decimal defaults to scale 0, which would round cents away.
const money = () => p.decimal().precision(12).scale(2).default('0.00');
// Millisecond timestamps, so a keyset cursor carrying a JS Date matches the stored value exactly.
const sortableTimestamp = () => p.datetime(3).onCreate(() => new Date());

/** Keyset index for one list sort within a vendor's items of a status; id breaks ties. */
const sortIndex = (column: string) => ({
  name: `items_list_${column}_index`,
  expression: `create index "items_list_${column}_index" on "items" ("vendor_id", "status", "${column}", "id")`,
});

export const Item = defineEntity({
  name: 'Item',
  tableName: 'items',
  uniques: [
    // Named so the error map reports the field `sku` on a duplicate.
    { name: 'items_vendor_id_lower_sku_unique', expression: 'create unique index "items_vendor_id_lower_sku_unique" on "items" ("vendor_id", lower("sku"))' },
  ],
  indexes: [
    ...['created_at', 'updated_at', 'name', 'sku', 'price', 'quantity'].map(sortIndex),
    // The category filter's page (by price) and its count, without visiting other categories' rows.
    { name: 'items_list_category_price_index', expression: 'create index "items_list_category_price_index" on "items" ("vendor_id", "status", "category", "price", "id")' },
    // items.list's exact total, index-only: narrow and low in distinct keys, so B-tree deduplication
    // keeps it about a tenth of a sort index's size (the count of 29,000 of 100,000 items reads ~80
    // pages instead of ~600); covers the status, category, store and store-scope filters.
    { name: 'items_count_index', expression: 'create index "items_count_index" on "items" ("vendor_id", "status", "category", "store_id")' },
    { properties: ['store'] },
    // Substring search over name, sku, description and set name (see searchTextOf).
    { name: 'items_search_text_trgm_index', expression: 'create index "items_search_text_trgm_index" on "items" using gin ("search_text" gin_trgm_ops)' },
  ],
  // inventory_totals, kept in the statement's transaction (see totals-sql.ts).
  triggers: inventoryTotalsTriggers,
  checks: [
    { name: 'items_quantity_check', expression: `quantity >= 0 and quantity <= ${MAX_STOCK}` },
    { name: 'items_money_check', expression: 'intake_price >= 0 and price >= 0 and projected_price >= 0' },
  ],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    store: () => p.manyToOne(Store),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    name: p.string().length(255),
    sku: p.string().length(64),
    description: p.text().nullable(),
    category: p.enum(itemCategories).default('other'),
    condition: p.string().length(100).nullable(),
    status: p.enum(itemStatuses).default('active'),
    imageUrl: p.string().length(2048).nullable(),
    quantity: p.integer().default(0),
    intakePrice: money(),
    price: money(),
    projectedPrice: money(),
    attributes: p.json<Record<string, unknown>>().default('{}'),
    /** Lower-cased name, sku, description and card set name: what items.list searches. */
    searchText: p.text().default(''),
    version: p.integer().default(1),
    createdAt: sortableTimestamp(),
    updatedAt: sortableTimestamp().onUpdate(() => new Date()),
    cardDetails: () => p.oneToOne(CardDetails).mappedBy('item').nullable(),
    images: () => p.oneToMany(ItemImage).mappedBy('item').orderBy({ position: 'asc' }),
  },
});
export type IItem = InferEntity<typeof Item>;

export const CardDetails = defineEntity({
  name: 'CardDetails',
  tableName: 'card_details',
  checks: [{ name: 'card_details_grade_check', expression: 'grade >= 0 and grade <= 10' }],
  properties: {
    id: idColumn(),
    item: () => p.oneToOne(Item).owner().unique().deleteRule('cascade'),
    game: p.string().length(100).nullable(),
    setName: p.string().length(255).nullable(),
    setCode: p.string().length(50).nullable(),
    cardNumber: p.string().length(50).nullable(),
    rarity: p.string().length(100).nullable(),
    finish: p.enum(cardFinishes).nullable(),
    language: p.string().length(50).nullable(),
    gradingCompany: p.enum(gradingCompanies).nullable(),
    grade: p.decimal('number').precision(3).scale(1).nullable(),
    certNumber: p.string().length(50).nullable(),
    externalIds: p.json<Record<string, string | number>>().nullable(),
    lastEstimatedAt: p.datetime().nullable(),
    releaseDate: p.date().nullable(),
    printRun: p.integer().nullable(),
    marketRegion: p.string().length(50).nullable(),
    notes: p.text().nullable(),
  },
});
export type ICardDetails = InferEntity<typeof CardDetails>;

export const ItemImage = defineEntity({
  name: 'ItemImage',
  tableName: 'item_images',
  properties: {
    id: idColumn(),
    item: () => p.manyToOne(Item).deleteRule('cascade').index(),
    url: p.string().length(2048),
    position: p.smallint(),
    isPrimary: p.boolean().default(false),
  },
});
export type IItemImage = InferEntity<typeof ItemImage>;

/** The stock ledger: append-only; the sum of an item's deltas is its quantity. */
export const StockMovement = defineEntity({
  name: 'StockMovement',
  tableName: 'stock_movements',
  triggers: [appendOnly({ purgeable: true })],
  indexes: [{ properties: ['item', 'createdAt', 'id'] }],
  properties: {
    id: idColumn(),
    // Checked at commit: a new item's ledger rows are written before the item itself (see createItem).
    item: () => p.manyToOne(Item).deleteRule('cascade').deferMode('deferred'),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade').index(),
    store: () => p.manyToOne(Store),
    delta: p.integer(),
    quantityBefore: p.integer(),
    quantityAfter: p.integer(),
    reason: p.enum(movementReasons),
    note: p.text().nullable(),
    reference: p.string().length(100).nullable(),
    // No foreign key (as in the audit log): the ledger outlives its actor, and imports write one
    // row per item, each of which would otherwise run its own check of the same user.
    actor: () => p.manyToOne(User).nullable().createForeignKeyConstraint(false),
    createdAt: sortableTimestamp(),
  },
});
export type IStockMovement = InferEntity<typeof StockMovement>;

/** Price history: one append-only row per changed price field. */
export const PriceChange = defineEntity({
  name: 'PriceChange',
  tableName: 'price_changes',
  triggers: [appendOnly({ purgeable: true })],
  indexes: [{ properties: ['item', 'createdAt'] }],
  properties: {
    id: idColumn(),
    item: () => p.manyToOne(Item).deleteRule('cascade').deferMode('deferred'), // as on stock_movements.item
    field: p.enum(priceFields),
    oldValue: p.decimal().precision(12).scale(2).nullable(),
    newValue: p.decimal().precision(12).scale(2),
    // No foreign key, as on stock_movements.actor.
    actor: () => p.manyToOne(User).nullable().createForeignKeyConstraint(false),
    source: p.enum(priceSources).default('manual'),
    createdAt: createdAtColumn(),
  },
});
export type IPriceChange = InferEntity<typeof PriceChange>;

// Sums over many rows: unbounded, never numeric(p,2) (10^9 units at 10^10 would overflow it).
const sum = () => p.decimal().columnType('numeric').default(0);
const count = () => p.bigint().default(0);

/**
 * What inventory.overview answers, maintained: one row per vendor, store, category and shard of the
 * vendor's active items (sum the shards), written only by the triggers on `items` and by
 * recomputeTotals (src/modules/inventory/totals-sql.ts, services/totals.ts). Rows whose items all
 * left stay, with zeros. The overview's potential profit is value_at_projected - value_at_cost.
 */
export const InventoryTotal = defineEntity({
  name: 'InventoryTotal',
  tableName: 'inventory_totals',
  properties: {
    vendor: () => p.manyToOne(Vendor).primary().deleteRule('cascade'),
    store: () => p.manyToOne(Store).primary().deleteRule('cascade'),
    category: p.enum(itemCategories).primary(),
    shard: p.smallint().primary(),
    skuCount: count(),
    units: count(),
    valueAtCost: sum(),
    valueAtMarket: sum(),
    valueAtProjected: sum(),
    lowStockCount: count(),
    outOfStockCount: count(),
  },
});
export type IInventoryTotal = InferEntity<typeof InventoryTotal>;

export const inventoryEntities = [Item, CardDetails, ItemImage, StockMovement, PriceChange, InventoryTotal];
