import { createLogger } from '../src/logger.js';
import { resetDatabase, startTestApp, stopTestApp } from './support/app.js';
import { startTestRun, type TestRun } from './support/database.js';

// Global fixtures, in mocha's main process: the run's migrated template database, and at the end
// every database and data folder its workers made.
let run: TestRun | undefined;

export async function mochaGlobalSetup() {
  run = await startTestRun(createLogger(process.env.LOG_LEVEL ?? 'silent'));
  console.log(`  Node ${process.version}; PostgreSQL: ${run.where}`);
}

export async function mochaGlobalTeardown() {
  await stopTestApp(); // serial runs (--no-parallel) used this process's own copy
  await run?.finish();
}

// Root hooks, in every worker: its own copy of the template, emptied before every test.
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await startTestApp();
  },
  async beforeEach() {
    await resetDatabase();
  },
};
