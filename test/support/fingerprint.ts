import { app } from './app.js';

/** An md5 of every row of each table (by name), to prove what a call did or did not change. */
export async function tableFingerprints(except: string[] = []): Promise<Map<string, string>> {
  const orm = app().orm;
  const tables = [...new Set([...orm.getMetadata().getAll().values()].filter((m) => m.tableName).map((m) => m.tableName))]
    .filter((t) => !except.includes(t))
    .sort();
  const rows = await orm.em.getConnection().execute<{ name: string; digest: string }[]>(
    tables.map((t) => `select '${t}' as name, md5(coalesce(string_agg(r::text, ',' order by r::text), '')) as digest from "${t}" r`).join(' union all '),
  );
  return new Map(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose rows differ between two fingerprints. */
export const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([table, digest]) => before.get(table) !== digest).map(([table]) => table);
