/**
 * A PostgreSQL array literal (`{a,b}`) of ids or integers, bound as one parameter and cast in SQL
 * (`?::uuid[]`): MikroORM expands an array parameter into a list, which suits `in (?)` only.
 * Only for values that cannot hold a comma, quote or brace (UUIDs, numbers).
 */
export const sqlArray = (values: readonly (string | number)[]): string => `{${values.join(',')}}`;

/**
 * A timestamp of a raw row as a Date: raw queries answer PostgreSQL's text (`2026-12-01
 * 23:00:11.782+00`, or ISO inside JSON), which V8's Date parses exactly to the millisecond.
 */
export const instantOf = (value: string | Date): Date => new Date(value);
