import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Sql } from './sql.js';

/** A statement's text with `$n` placeholders and the name it is prepared under on every connection. */
interface Prepared {
  name: string;
  text: string;
}

// Hot reads are built from fixed fragments (their values are parameters), so a handful of texts
// recur; past this many something builds texts from values, and its reads go unnamed.
const MAX_PREPARED = 500;
const prepared = new Map<string, Prepared>();
const pools = new WeakMap<object, Promise<Pool>>();

/** `?` placeholders (MikroORM's, src/db/sql.ts) as PostgreSQL's own `$1`, `$2`, … */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function preparedOf(text: string): Prepared | { name: undefined; text: string } {
  const known = prepared.get(text);
  if (known) return known;
  const numbered = numberedPlaceholders(text);
  if (prepared.size >= MAX_PREPARED) return { name: undefined, text: numbered };
  const entry = { name: `omni_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text: numbered };
  prepared.set(text, entry);
  return entry;
}

/**
 * The rows of a hot read (items.get, items.list, the caller's membership) as a prepared statement
 * on the ORM's own `pg` pool: PostgreSQL plans it once per connection instead of on every call
 * (planning items.get's statement took 0.35 ms, twice its execution), and the values travel as
 * parameters. Within a transaction the statement runs on the transaction's connection, through
 * MikroORM, so it sees what the transaction wrote. `onQuery` (the ORM's hook for every statement)
 * still sees it, as `em.execute` would have shown it. The texts contain `?` only as placeholders
 * (src/db/sql.ts), as em.execute requires too; the values are strings, numbers, booleans or null.
 */
export async function preparedRows<T>(em: EntityManager, statement: Sql): Promise<T[]> {
  const params = [...statement.params];
  if (em.isInTransaction()) return em.execute<T[]>(statement.text, params);
  const connection = em.getConnection();
  let pool = pools.get(connection);
  if (!pool) pools.set(connection, (pool = connection.getNativeClient()));
  const text = em.config.get('onQuery')(statement.text, params);
  const { rows } = await (await pool).query({ ...preparedOf(text), values: params });
  return rows as T[];
}
