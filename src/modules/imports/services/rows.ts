import { z } from 'zod';
import { itemStatuses } from '../../inventory/contract.js';
import { attributeSchemas, cardDetailsSchema, genericAttributes, itemFields, type ItemCategory } from '../../inventory/contract.js';
import { canonicalImageUrl, imageUrlProblem, type ImageUrlPolicy } from '../../media/url-policy.js';
import type { MappableField } from '../contract.js';
import { normalisedCondition, type RawRow } from './presets.js';

/**
 * One import row, validated by the same schemas as items.create (`itemFields`, `cardDetailsSchema`
 * in the inventory contract: one set of rules). Name and SKU are required on every row; every
 * other field is optional, and an absent one leaves the stored value alone on update.
 */
export const importRowSchema = z
  .object({
    ...z.object(itemFields).pick({
      name: true, sku: true, description: true, category: true, condition: true, quantity: true,
      intakePrice: true, price: true, projectedPrice: true, imageUrl: true, attributes: true,
    }).partial().required({ name: true, sku: true }).shape,
    status: z.enum(itemStatuses).optional(),
    cardDetails: cardDetailsSchema.optional(),
  })
  .strict();
export type ImportRow = z.output<typeof importRowSchema>;

/** A valid row, with what the staging table needs besides the fields. */
export interface ValidRow extends ImportRow {
  line: number;
  storeId?: string;
}

export interface RowIssue {
  field: MappableField | null;
  message: string;
}

export interface RowRules {
  vendorId: string;
  imagePolicy: ImageUrlPolicy;
  /** The vendor's active stores by slug (lower case) → id. */
  stores: Map<string, string>;
}

const cardFieldNames = new Set(Object.keys(cardDetailsSchema.shape));
const integerFields = new Set<MappableField>(['quantity', 'printRun']);
const jsonFields = new Set<MappableField>(['attributes', 'externalIds']);

/**
 * Validates one raw row: text cells become numbers and JSON where the field takes them, the
 * condition is normalised from its aliases, the store slug becomes its id, and the result is
 * parsed by `importRowSchema`. Answers the row, or every problem with the field it is on.
 */
export function validateRow(raw: RawRow, line: number, rules: RowRules): { row: ValidRow } | { issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const item: Record<string, unknown> = {};
  const card: Record<string, unknown> = {};
  let storeId: string | undefined;
  for (const [field, value] of Object.entries(raw) as [MappableField, unknown][]) {
    if (value === undefined) continue;
    let typed: unknown = value;
    if (typeof value === 'string') {
      const cell = value.trim();
      if (cell === '') continue;
      if (integerFields.has(field)) {
        if (!/^[+-]?\d{1,12}$/.test(cell)) {
          issues.push({ field, message: 'must be a whole number' });
          continue;
        }
        typed = Number(cell);
      } else if (field === 'grade') {
        if (!/^\d{1,2}(\.\d+)?$/.test(cell)) {
          issues.push({ field, message: 'must be a number from 0 to 10 in steps of 0.5' });
          continue;
        }
        typed = Number(cell);
      } else if (jsonFields.has(field)) {
        try {
          typed = JSON.parse(cell);
        } catch {
          issues.push({ field, message: 'must be a JSON object' });
          continue;
        }
        if (typeof typed !== 'object' || typed === null || Array.isArray(typed)) {
          issues.push({ field, message: 'must be a JSON object' });
          continue;
        }
      } else if (field === 'condition') {
        typed = normalisedCondition(cell);
      } else if (field === 'store') {
        storeId = rules.stores.get(cell.toLowerCase());
        if (!storeId) issues.push({ field, message: `no active store has the slug "${cell}"` });
        continue;
      }
    }
    if (cardFieldNames.has(field)) card[field] = typed;
    else item[field] = typed;
  }
  if (Object.keys(card).length) item.cardDetails = card;
  const parsed = importRowSchema.safeParse(item);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      const field = (first === 'cardDetails' ? second : first) as MappableField | undefined;
      issues.push({ field: field ?? null, message: field ? issue.message : `${issue.message}` });
    }
  }
  if (issues.length || !parsed.success) return { issues };
  const row: ValidRow = { ...parsed.data, line, ...(storeId ? { storeId } : {}) };
  if (row.imageUrl) {
    const problem = imageUrlProblem(rules.imagePolicy, rules.vendorId, row.imageUrl);
    if (problem) return { issues: [{ field: 'imageUrl', message: problem }] };
    row.imageUrl = canonicalImageUrl(rules.imagePolicy, row.imageUrl);
  }
  if (row.attributes && row.category) {
    const problem = attributeProblem(row.category, row.attributes);
    if (problem) return { issues: [problem] };
  }
  return { row };
}

/** Attributes are checked against the item's category (for an update without one: the stored category, later). */
export function attributeProblem(category: ItemCategory, attributes: Record<string, unknown>): RowIssue | null {
  const parsed = (attributeSchemas[category] ?? genericAttributes).safeParse(attributes);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: 'attributes', message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message };
}
