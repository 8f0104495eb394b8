import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { pageOf, paginationFields } from '../../contract/pagination.js';
import { count } from '../../contract/query.js';
import { instant } from '../../contract/text.js';
import { itemCategories } from '../inventory/contract.js';

export const salesGroupings = ['day', 'week', 'month', 'category', 'store', 'paymentMethod', 'item', 'staff'] as const;
export type SalesGrouping = (typeof salesGroupings)[number];

/** A period [from, to): `to` is exclusive and must come after `from`. */
const period = { from: instant(), to: instant() };
const toAfterFrom = (q: { from: Date; to: Date }) => q.to > q.from;
const toAfterFromIssue = { path: ['to'], message: 'must be after from' };

// Inputs
export const salesReportInput = z
  .object({ ...period, groupBy: z.enum(salesGroupings), storeId: idSchema.optional() })
  .strict()
  .refine(toAfterFrom, toAfterFromIssue);
export type SalesReportQuery = z.output<typeof salesReportInput>;

export const topSellersInput = z
  .object({ ...period, by: z.enum(['units', 'revenue']).default('units'), storeId: idSchema.optional(), limit: count(1, 100).prefault(10) })
  .strict()
  .refine(toAfterFrom, toAfterFromIssue);
export type TopSellersQuery = z.output<typeof topSellersInput>;

export const slowMoversInput = z
  .object({ days: count(1, 3650), storeId: idSchema.optional(), ...paginationFields })
  .strict();
export type SlowMoversQuery = z.output<typeof slowMoversInput>;

/** Now, or the stock as it was at `asOf`. */
export const inventoryValueInput = z.object({ asOf: instant().optional(), storeId: idSchema.optional() }).strict().default({});
export type InventoryValueQuery = z.output<typeof inventoryValueInput>;

// Outputs
const money = z.string();
export const salesFigures = z.object({
  saleCount: z.number().int(),
  units: z.number().int(),
  revenue: money,
  discounts: money,
  tax: money,
  returns: money,
  costOfGoods: money,
  grossProfit: money,
  /** grossProfit / revenue with 4 places; "0.0000" when revenue is 0. */
  margin: z.string(),
  /** revenue / saleCount, half up; "0.00" without sales. */
  averageSale: money,
});
export type SalesFigures = z.infer<typeof salesFigures>;
export const salesReportOutput = z.object({
  currency: z.string(),
  timeZone: z.string(),
  from: timestampOutput,
  to: timestampOutput,
  groupBy: z.enum(salesGroupings),
  totals: salesFigures,
  groups: z.array(salesFigures.extend({ key: z.string(), label: z.string() })),
});
export type SalesReportOutput = z.infer<typeof salesReportOutput>;

export const topSellersOutput = z.array(z.object({ itemId: idSchema, sku: z.string(), name: z.string(), units: z.number().int(), revenue: money }));
export type TopSellersOutput = z.infer<typeof topSellersOutput>;

export const slowMoverOutput = z.object({
  itemId: idSchema,
  sku: z.string(),
  name: z.string(),
  storeId: idSchema,
  quantity: z.number().int(),
  lastSoldAt: timestampOutput.nullable(),
  daysSinceLastSale: z.number().int().nullable(),
  valueAtCost: money,
});
export const slowMoversOutput = pageOf(slowMoverOutput);

const stockValue = { units: z.number().int(), valueAtCost: money, valueAtMarket: money, valueAtProjected: money };
export const inventoryValueOutput = z.object({
  asOf: timestampOutput,
  totals: z.object(stockValue),
  byStore: z.array(z.object({ storeId: idSchema, name: z.string(), ...stockValue })),
  byCategory: z.array(z.object({ category: z.enum(itemCategories), ...stockValue })),
});
export type InventoryValueOutput = z.infer<typeof inventoryValueOutput>;
