import { app } from './app.js';

/**
 * Runs `work` and counts the SQL statements the ORM sends meanwhile, through MikroORM's
 * `onQuery` hook (read on every query). Only for code that runs alone: concurrent queries of
 * other work would be counted too.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const config = app().orm.config;
  const statements: string[] = [];
  config.set('onQuery', (sql: string) => {
    statements.push(sql);
    return sql;
  });
  try {
    return { result: await work(), statements };
  } finally {
    config.reset('onQuery');
  }
}
