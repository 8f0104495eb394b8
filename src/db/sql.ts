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

/** A piece of SQL with its `?` parameters in order, as MikroORM's `em.execute(text, params)` takes them. */
export interface Sql {
  readonly text: string;
  readonly params: readonly unknown[];
}

const isSql = (value: unknown): value is Sql =>
  typeof value === 'object' && value !== null && typeof (value as Sql).text === 'string' && Array.isArray((value as Sql).params);

/**
 * SQL from a template: an interpolated `Sql` is spliced in with its parameters, any other value
 * becomes a `?` parameter (never text), so a fragment used twice carries its parameters twice.
 * Identifiers and keywords that vary go in through `unsafeSql`, from fixed lists only.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return { text, params };
}

/** Fixed SQL text (a column or keyword chosen from a closed list), never user input. */
export const unsafeSql = (text: string): Sql => ({ text, params: [] });

/** Fragments joined by `separator` (e.g. ' and '). */
export const joinSql = (fragments: readonly Sql[], separator: string): Sql => ({
  text: fragments.map((f) => f.text).join(separator),
  params: fragments.flatMap((f) => f.params),
});

/**
 * A new v7 UUID made by PostgreSQL (time-ordered like core/ids.ts's newId), for set-based inserts
 * that make many rows in one statement: the millisecond clock in the first 48 bits of a random
 * UUID, with the version bits set to 7.
 */
export const uuidV7Sql =
  "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid";

/**
 * A PostgreSQL array literal of any text (quoted and escaped; null stays NULL), bound as one
 * parameter and cast in SQL (`?::text[]`), for values sqlArray cannot carry.
 */
export const sqlTextArray = (values: readonly (string | null)[]): string =>
  `{${values.map((value) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

/**
 * `name as (insert into table (…) select … from json_populate_recordset(…))`: raw rows inserted
 * from one JSON parameter, as a common table expression of a larger statement (one round trip
 * for any number of rows, far from the bind-parameter limit). The columns are the first row's
 * keys, named as the table's; `table` and `name` come from code, never from input.
 */
export function insertRowsCte(name: string, table: string, rows: readonly Record<string, unknown>[]): Sql {
  const columns = Object.keys(rows[0] ?? {}).join(', ');
  return { text: `${name} as (insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json))`, params: [JSON.stringify(rows)] };
}
