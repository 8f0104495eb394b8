import { resetDatabase, startTestApp, stopTestApp } from './support/app.js';

// Root hooks: one migrated database for the run, emptied before every test.
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    console.log(`  Node ${process.version}; PostgreSQL: ${process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ? 'server from the environment' : 'embedded'}`);
    await startTestApp();
  },
  async beforeEach() {
    await resetDatabase();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestApp();
  },
};
