import { z } from 'zod';
import { csvPresets } from '../../contract/csv.js';
import { idSchema } from '../../contract/ids.js';
import { instant } from '../../contract/text.js';
import { listItemsInput } from '../inventory/contract.js';

/**
 * GET /exports/items.csv: every filter and the sort of items.list (its own schema, so a REST
 * query string parses alike: `inStock=false` is false), without paging, plus the column set.
 */
export const exportItemsInput = listItemsInput
  .omit({ limit: true, cursor: true })
  .extend({ preset: z.enum(csvPresets).default('native') })
  .strict();
export type ExportItemsQuery = z.output<typeof exportItemsInput>;

/** GET /exports/sales.csv: a period [from, to) as reports.sales takes it, and optionally one store. */
export const exportSalesInput = z
  .object({ from: instant(), to: instant(), storeId: idSchema.optional() })
  .strict()
  .refine((q) => q.to > q.from, { path: ['to'], message: 'must be after from' });
export type ExportSalesQuery = z.output<typeof exportSalesInput>;

/**
 * The sales export, one row per event: `sale` rows (one per sale line, at the sale's moment) and
 * `return` rows (one per returned line, at the return's moment). Amounts are signed so that a
 * column's sum over a period is its net: a return row's quantity, net, tax and gross are negative.
 * net = lineTotal − saleDiscountShare (sale rows) or −refund (return rows), tax-exclusive; tax =
 * the line's exact share of the sale's tax, or −taxRefunded; gross = net + tax. Voided sales (and
 * their returns) are listed with saleStatus `voided` and voidedAt: reports count them nowhere, so
 * leave them out of sums.
 */
export const salesColumns = [
  'type', 'saleNumber', 'saleStatus', 'localTime', 'timeZone', 'instant', 'store', 'sku', 'name',
  'quantity', 'unitPrice', 'lineDiscount', 'lineTotal', 'saleDiscountShare', 'net', 'tax', 'gross', 'returnedQuantity',
  'payments', 'customerName', 'customerEmail', 'voidedAt', 'voidReason', 'returnReason',
] as const;
