/** `{ field: { before, after } }` for the fields a write changed. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

/**
 * The one redaction list: fields whose values never enter the audit log. Their change is still
 * recorded, with both values replaced by a marker.
 */
const SECRET_FIELD = /password|token|secret|hash/i;
export const REDACTED = '[redacted]';

/** JSON-safe values: dates as ISO strings, everything else as it is. */
const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value ?? null);

/** The fields whose value differs between `before` and `after` (null: a creation or a deletion). */
export function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const changes: Changes = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const from = plain(before?.[field]);
    const to = plain(after?.[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { before: from, after: to };
  }
  return changes;
}

/** Changes with every secret field's values replaced by the marker. */
export function redacted(changes: Changes): Changes {
  return Object.fromEntries(
    Object.entries(changes).map(([field, change]) => [field, SECRET_FIELD.test(field) ? { before: REDACTED, after: REDACTED } : change]),
  );
}

/** The named fields of an entity or row, for `changesOf`. */
export const pick = <T extends object, K extends keyof T>(source: T, fields: readonly K[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, source[field]]));
