import type { AppServices } from '../../src/services.js';

/** Every SQL statement `work` sends, with its parameters inlined as PostgreSQL receives them. */
export async function captureSql(services: AppServices, work: () => Promise<unknown>): Promise<string[]> {
  const platform = services.orm.em.getPlatform();
  const statements: string[] = [];
  services.orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
    statements.push(platform.formatQuery(sql, [...params]));
    return sql;
  });
  try {
    await work();
  } finally {
    services.orm.config.reset('onQuery');
  }
  return statements;
}
