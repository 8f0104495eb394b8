import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';

/** "Pokémon Palace #2" → "pokemon-palace-2"; never empty. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || fallback;
}

/**
 * A slug for `name` that no row in `table` within `scope` (column → value) holds yet: the plain
 * one when free, else with a random suffix. Two transactions choosing a slug for the same name
 * are serialised by an advisory lock on it (held until commit), so both never pick the same one
 * and a client never meets a CONFLICT on a field it did not send.
 */
export async function freeSlug(tx: EntityManager, table: 'vendors' | 'stores', scope: Record<string, string>, name: string, fallback: string) {
  const base = slugify(name, fallback);
  const where = Object.keys(scope).map((column) => `and ${column} = ?`).join(' ');
  const key = [table, ...Object.values(scope), base].join(':');
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
  for (let slug = base; ; slug = `${base}-${randomBytes(3).toString('hex')}`) {
    const [taken] = await tx.execute(`select 1 from ${table} where slug = ? ${where} limit 1`, [slug, ...Object.values(scope)]);
    if (!taken) return slug;
  }
}
