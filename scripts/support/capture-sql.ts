import type { AppServices } from '../../src/services.js';

/** A statement as the ORM was given it (`?` placeholders and their values) and as PostgreSQL reads it inlined. */
export interface CapturedStatement {
  text: string;
  params: unknown[];
  inlined: string;
}

/** Every SQL statement `work` sends. */
export async function captureSql(services: AppServices, work: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const platform = services.orm.em.getPlatform();
  const statements: CapturedStatement[] = [];
  services.orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
    statements.push({ text: sql, params: [...params], inlined: platform.formatQuery(sql, [...params]) });
    return sql;
  });
  try {
    await work();
  } finally {
    services.orm.config.reset('onQuery');
  }
  return statements;
}
