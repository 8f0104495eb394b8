import { z } from 'zod';

/**
 * Text that PostgreSQL can store and compare: no NUL character (text and jsonb refuse it) and no
 * unpaired UTF-16 surrogate (JSON cannot encode it, and plain text would silently turn it into
 * U+FFFD). Every text field of every contract is built from these, so the rule lives here only.
 */
export const isStorableText = (value: string) => !value.includes('\u0000') && value.isWellFormed();
const STORABLE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

/** Trimmed text of at most `max` characters (may be empty). */
export const text = (max: number) => z.string().refine(isStorableText, STORABLE).trim().max(max);

/** Trimmed, non-empty text of at most `max` characters: names, labels, filters. */
export const label = (max: number) => text(max).min(1, 'must not be empty');

export const emailSchema = z
  .email()
  .max(320)
  .transform((email) => email.trim().toLowerCase());

/** An http(s) URL of at most `max` characters. */
export const webUrl = (max = 2048) => z.url({ protocol: /^https?$/ }).max(max).refine(isStorableText, STORABLE);

export interface JsonLimits {
  /** Levels of nesting below the top object. */
  maxDepth: number;
  /** Keys and array elements, counted over the whole value. */
  maxEntries: number;
  /** Length of the value as JSON text. */
  maxLength: number;
}

/**
 * A JSON object the database stores as jsonb, bounded in depth, entries and size, with storable
 * strings (keys included). The walk is iterative and stops at the first problem, so a value
 * nested thousands of levels deep is refused without recursing.
 */
export const jsonObject = (limits: JsonLimits) =>
  z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function jsonProblem(root: unknown, limits: JsonLimits): string | null {
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let entries = 0;
  while (pending.length) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string' && !isStorableText(value)) return STORABLE;
    if (typeof value === 'number' && !Number.isFinite(value)) return 'numbers must be finite';
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return `must not be nested more than ${limits.maxDepth} levels deep`;
    const children = Array.isArray(value) ? value : Object.entries(value).flat();
    entries += Array.isArray(value) ? value.length : children.length / 2;
    if (entries > limits.maxEntries) return `must not hold more than ${limits.maxEntries} keys and elements`;
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  if (JSON.stringify(root).length > limits.maxLength) return `must be at most ${limits.maxLength} characters as JSON`;
  return null;
}

// PostgreSQL's years run from 4713 BC, but ISO-8601 text, JavaScript and people agree on 0001-9999.
const YEARS = 'must be between the years 0001 and 9999';
const inStorableYears = (year: number) => year >= 1 && year <= 9999;

/** An ISO-8601 instant with an offset ("2026-12-01T09:30:00Z"), as a Date in years 0001-9999 (UTC). */
export const instant = () =>
  z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine((date) => inStorableYears(date.getUTCFullYear()), YEARS);

/** A calendar date "YYYY-MM-DD". */
export const calendarDate = () => z.iso.date().refine((value) => inStorableYears(Number(value.slice(0, 4))), YEARS);
