/**
 * A PostgreSQL array literal (`{a,b}`) of ids or integers, bound as one parameter and cast in SQL
 * (`?::uuid[]`): MikroORM expands an array parameter into a list, which suits `in (?)` only.
 * Only for values that cannot hold a comma, quote or brace (UUIDs, numbers).
 */
export const sqlArray = (values: readonly (string | number)[]): string => `{${values.join(',')}}`;
