import { closeSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDatabase } from '../../src/db/database.js';
import { processIsAlive } from '../../src/db/embedded.js';
import { openOrm } from '../../src/db/orm.js';
import { databaseOnServer, dropDatabase, onServer } from '../../src/db/server.js';
import type { Logger } from '../../src/logger.js';

/**
 * Test databases. A run (mocha's main process) builds one migrated template on TEST_DATABASE_URL's
 * server (or DATABASE_URL's, else the embedded PostgreSQL under .data/test); each worker process
 * copies it into a database of its own and works in a data folder of its own; the run drops and
 * deletes them all at its end. Parallel runs never share a database, nor do the workers of one run.
 */

const TEST_DATA_DIR = '.data/test';
const RUNS_DIR = join(TEST_DATA_DIR, 'runs');
// Handed from the run to its workers through their environment. The run's name is set when mocha's
// main process loads this file, so it is there before any test file (or its workers) is loaded.
// Its pid comes first: it tells a later run whether this one is still going.
const RUN = (process.env.OMNI_TEST_RUN ??= `omni_test_${process.pid}_${Date.now().toString(36)}`);
const SERVER_ENV = 'OMNI_TEST_SERVER';
const TEMPLATE = `${RUN}_template`;

export interface TestRun {
  /** Where the databases live, for the run's banner. */
  where: string;
  finish(): Promise<void>;
}

export async function startTestRun(log: Logger): Promise<TestRun> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const server = await resolveDatabase({ databaseUrl: serverUrl, dataDir: TEST_DATA_DIR }, log, 'postgres');
  await removeAbandonedRuns(server.url, server.embedded);
  const orm = await openOrm(await databaseOnServer(server.url, TEMPLATE), { migrate: true });
  await orm.close();
  process.env[SERVER_ENV] = server.url;
  return {
    where: server.embedded ? `embedded (${TEST_DATA_DIR}/pg)` : 'server from the environment',
    async finish() {
      await dropRunDatabases(server.url);
      rmSync(join(RUNS_DIR, RUN), { recursive: true, force: true });
      await server.stop();
    },
  };
}

/** This worker's database, copied from the run's template on first use. */
export const workerDatabase = () => databaseOnServer(process.env[SERVER_ENV]!, `${RUN}_${process.pid}`, TEMPLATE);

/** Another copy of the template for a server process a test starts (dropped with the run's databases). */
export const serverDatabase = (name: string) => databaseOnServer(process.env[SERVER_ENV]!, `${RUN}_${name}_${process.pid}`, TEMPLATE);

/** This worker's DATA_DIR: its mail outbox, uploads and secrets. */
export const workerDataDir = () => join(RUNS_DIR, RUN, String(process.pid));

/** True for the first caller of the run, in whichever of its workers: a marker made in the run's folder. */
export function firstInRun(what: string): boolean {
  mkdirSync(join(RUNS_DIR, RUN), { recursive: true });
  try {
    closeSync(openSync(join(RUNS_DIR, RUN, what), 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const runDatabases = (serverUrl: string, prefix: string) =>
  onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    return rows.map((r) => r.datname);
  });

async function dropRunDatabases(serverUrl: string): Promise<void> {
  for (const name of await runDatabases(serverUrl, `${RUN}_`)) await dropDatabase(serverUrl, name);
}

/**
 * A run stopped before its end (Ctrl-C) leaves its databases and folders behind: those of runs
 * whose process is gone go now. Only on the embedded cluster, where every run is on this machine.
 */
async function removeAbandonedRuns(serverUrl: string, embedded: boolean): Promise<void> {
  const abandoned = (name: string) => !processIsAlive(Number(/^omni_test_(\d+)_/.exec(name)?.[1]));
  mkdirSync(RUNS_DIR, { recursive: true });
  for (const dir of readdirSync(RUNS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && abandoned(d.name))) {
    rmSync(join(RUNS_DIR, dir.name), { recursive: true, force: true });
  }
  if (!embedded) return;
  for (const name of (await runDatabases(serverUrl, 'omni_test_')).filter(abandoned)) await dropDatabase(serverUrl, name);
}
