import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { moneySchema } from '../../contract/money.js';
import { pageOf, paginationFields } from '../../contract/pagination.js';
import { flag } from '../../contract/query.js';
import { calendarDate, instant, jsonObject, label, text } from '../../contract/text.js';

export const itemCategories = [
  'trading_card', 'sports_card', 'video_game', 'console', 'comic', 'toy', 'apparel', 'sealed_product', 'accessory', 'other',
] as const;
export type ItemCategory = (typeof itemCategories)[number];
export const itemStatuses = ['active', 'archived'] as const;
export type ItemStatus = (typeof itemStatuses)[number];
export const cardFinishes = [
  'normal', 'holofoil', 'reverse_holofoil', 'first_edition', 'first_edition_holofoil', 'unlimited', 'full_art', 'other',
] as const;
export const gradingCompanies = ['PSA', 'BGS', 'CGC', 'SGC', 'other'] as const;
export const movementReasons = [
  'intake', 'sale', 'return', 'adjustment', 'count', 'damage', 'transfer_in', 'transfer_out', 'import',
] as const;
export type MovementReason = (typeof movementReasons)[number];
export const priceFields = ['intakePrice', 'price', 'projectedPrice'] as const;
export type PriceField = (typeof priceFields)[number];
export const priceSources = ['manual', 'import'] as const;
export const itemSorts = ['name', 'sku', 'price', 'quantity', 'createdAt', 'updatedAt'] as const;
export type ItemSort = (typeof itemSorts)[number];

/** The most units one item can hold, far below PostgreSQL's integer limit (a CHECK enforces it too). */
export const MAX_STOCK = 1_000_000_000;
/** The most units one stock change may move. */
export const MAX_STOCK_CHANGE = 1_000_000;
export const MAX_IMAGES = 6;

/** Attributes per category; categories without a schema take a small flat object. */
const completeness = ['loose', 'cib', 'sealed', 'box_manual'] as const;
export const attributeSchemas: Partial<Record<ItemCategory, z.ZodType<Record<string, unknown>>>> = {
  video_game: z
    .object({ platform: label(100), region: label(50), completeness: z.enum(completeness), genre: label(100) })
    .partial()
    .strict(),
  apparel: z.object({ size: label(20), color: label(50), material: label(100), brand: label(100) }).partial().strict(),
};
export const genericAttributes = z
  .record(label(50), z.union([text(500), z.number(), z.boolean()]))
  .refine((attributes) => Object.keys(attributes).length <= 30, 'at most 30 attributes');

/** Every card field is optional, and null clears it on update (cardDetails merge). */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
export const cardDetailsSchema = z
  .object({
    game: clearable(text(100)),
    setName: clearable(text(255)),
    setCode: clearable(text(50)),
    cardNumber: clearable(text(50)),
    rarity: clearable(text(100)),
    finish: clearable(z.enum(cardFinishes)),
    language: clearable(text(50)),
    gradingCompany: clearable(z.enum(gradingCompanies)),
    grade: clearable(z.number().min(0).max(10).multipleOf(0.5)),
    certNumber: clearable(text(50)),
    externalIds: clearable(z.record(label(50), z.union([text(200), z.number()])).refine((ids) => Object.keys(ids).length <= 20, 'at most 20 ids')),
    lastEstimatedAt: clearable(instant()),
    releaseDate: clearable(calendarDate()),
    printRun: clearable(z.number().int().min(0).max(100_000_000)),
    marketRegion: clearable(text(50)),
    notes: clearable(text(5000)),
  })
  .strict();
export type CardDetailsInput = z.output<typeof cardDetailsSchema>;

export const imagesSchema = z
  .array(z.object({ url: label(2048), isPrimary: z.boolean().optional() }).strict())
  .max(MAX_IMAGES);

/** The writable fields of an item, shared by create and update (and by every CSV import row). */
export const itemFields = {
  name: label(255),
  sku: label(64),
  storeId: idSchema,
  description: text(10_000).nullable(),
  category: z.enum(itemCategories),
  condition: text(100).nullable(),
  quantity: z.number().int().min(0).max(MAX_STOCK),
  intakePrice: moneySchema,
  price: moneySchema,
  projectedPrice: moneySchema,
  imageUrl: text(2048).nullable(),
  // Checked against the item's category by the service (which may take it from the stored item).
  attributes: jsonObject({ maxDepth: 1, maxEntries: 30, maxLength: 16_384 }),
  cardDetails: cardDetailsSchema.nullable(),
  images: imagesSchema,
};

// Inputs
export const itemIdInput = z.object({ id: idSchema }).strict();
export const createItemInput = z.object(itemFields).partial().required({ name: true, sku: true }).strict();
export const updateItemInput = z
  .object({ id: idSchema, expectedVersion: z.number().int().min(1).optional(), ...z.object(itemFields).partial().shape })
  .strict();
export const adjustStockInput = z
  .object({
    id: idSchema,
    delta: z.number().int().min(-MAX_STOCK_CHANGE).max(MAX_STOCK_CHANGE).refine((delta) => delta !== 0, 'must not be 0'),
    reason: z.enum(movementReasons),
    note: text(1000).nullable().optional(),
  })
  .strict();
export const movementsInput = z.object({ id: idSchema, ...paginationFields }).strict();

const filterText = (max: number) => label(max);
export const listItemsInput = z
  .object({
    search: filterText(200).optional(),
    category: z.enum(itemCategories).optional(),
    condition: filterText(100).optional(),
    status: z.enum(itemStatuses).default('active'),
    storeId: idSchema.optional(),
    language: filterText(50).optional(),
    marketRegion: filterText(50).optional(),
    game: filterText(100).optional(),
    setName: filterText(255).optional(),
    gradingCompany: z.enum(gradingCompanies).optional(),
    minPrice: moneySchema.optional(),
    maxPrice: moneySchema.optional(),
    inStock: flag().optional(),
    lowStock: flag().optional(),
    sort: z.enum(itemSorts).default('createdAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...paginationFields,
  })
  .strict();
export type ListItemsQuery = z.output<typeof listItemsInput>;

// Outputs
const money = z.string();
export const cardDetailsOutput = z.object({
  game: z.string().nullable(),
  setName: z.string().nullable(),
  setCode: z.string().nullable(),
  cardNumber: z.string().nullable(),
  rarity: z.string().nullable(),
  finish: z.enum(cardFinishes).nullable(),
  language: z.string().nullable(),
  gradingCompany: z.enum(gradingCompanies).nullable(),
  grade: z.number().nullable(),
  certNumber: z.string().nullable(),
  externalIds: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  lastEstimatedAt: timestampOutput.nullable(),
  releaseDate: z.string().nullable(),
  printRun: z.number().int().nullable(),
  marketRegion: z.string().nullable(),
  notes: z.string().nullable(),
}).meta({ id: 'CardDetails' });
export const itemImageOutput = z.object({ id: idSchema, url: z.string(), position: z.number().int(), isPrimary: z.boolean() });
export const itemOutput = z.object({
  id: idSchema,
  vendorId: idSchema,
  storeId: idSchema,
  name: z.string(),
  sku: z.string(),
  description: z.string().nullable(),
  category: z.enum(itemCategories),
  condition: z.string().nullable(),
  status: z.enum(itemStatuses),
  quantity: z.number().int(),
  intakePrice: money,
  price: money,
  projectedPrice: money,
  imageUrl: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  cardDetails: cardDetailsOutput.nullable(),
  images: z.array(itemImageOutput),
  version: z.number().int(),
  createdBy: idSchema.nullable(),
  createdAt: timestampOutput,
  updatedAt: timestampOutput,
}).meta({ id: 'Item' });
export const itemPageOutput = pageOf(itemOutput);
export const movementOutput = z.object({
  id: idSchema,
  delta: z.number().int(),
  quantityBefore: z.number().int(),
  quantityAfter: z.number().int(),
  reason: z.enum(movementReasons),
  note: z.string().nullable(),
  reference: z.string().nullable(),
  actorId: idSchema.nullable(),
  createdAt: timestampOutput,
}).meta({ id: 'Movement' });
export const movementPageOutput = pageOf(movementOutput);
export const adjustStockOutput = z.object({ item: itemOutput, movement: movementOutput });
export const priceChangeOutput = z.object({
  field: z.enum(priceFields),
  oldValue: money.nullable(),
  newValue: money,
  actorId: idSchema.nullable(),
  source: z.enum(priceSources),
  createdAt: timestampOutput,
}).meta({ id: 'PriceChange' });
const stockFigures = { totalSkus: z.number().int(), totalUnits: z.number().int(), valueAtCost: money, valueAtMarket: money };
export const overviewOutput = z.object({
  ...stockFigures,
  valueAtProjected: money,
  potentialProfit: money,
  lowStockCount: z.number().int(),
  outOfStockCount: z.number().int(),
  byStore: z.array(z.object({ storeId: idSchema, name: z.string(), ...stockFigures })),
  byCategory: z.array(z.object({ category: z.enum(itemCategories), ...stockFigures })),
});

export type ItemOutput = z.infer<typeof itemOutput>;
export type CardDetailsOutput = z.infer<typeof cardDetailsOutput>;
export type MovementOutput = z.infer<typeof movementOutput>;
export type PriceChangeOutput = z.infer<typeof priceChangeOutput>;
export type OverviewOutput = z.infer<typeof overviewOutput>;
