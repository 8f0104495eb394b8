import { expect } from 'chai';
import { setImportHooks } from '../../../src/modules/imports/services/run-import.js';
import { app } from '../../support/app.js';
import { expectTRPCError, signUp } from '../../support/fixtures.js';
import { csvOf, restartImportWorker, waitForImport, withImportWorker } from '../../support/imports.js';

const fork = () => app().orm.em.fork();
const count = async (sql: string, params: unknown[]) => Number((await fork().execute<{ n: string }[]>(sql, params))[0]!.n);

/** A hook that holds the job at `phase` until released; `reached` resolves when it gets there. */
function pauseAt(phase: string) {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  let paused = false;
  setImportHooks({
    async onPhase(at) {
      if (at !== phase || paused) return;
      paused = true;
      reached();
      await released;
    },
  });
  return { arrived, release };
}

const rows = (n: number) => csvOf([['sku', 'name', 'quantity', 'price'], ...Array.from({ length: n }, (_, i) => [`W-${i}`, `Item ${i}`, i + 1, '2.00'])]);

describe('imports: the worker', () => {
  afterEach(() => setImportHooks({}));

  it('cancel while running stops the job and rolls its apply back', async () => {
    const shop = await signUp();
    await withImportWorker();
    const pause = pauseAt('apply:priceHistory'); // inside the apply transaction, items already upserted
    const job = await shop.caller.imports.create({ csv: rows(50), fileName: 'a.csv', preset: 'native', mode: 'apply' });
    await pause.arrived;
    const running = await shop.caller.imports.get({ id: job.id });
    expect(running).to.include({ status: 'running', phase: 'applying', rowsTotal: 50, rowsDone: 50 });
    expect((await shop.caller.imports.cancel({ id: job.id })).status).to.equal('cancelled');
    pause.release();
    const ended = await waitForImport(shop.caller, job.id);
    expect(ended.status).to.equal('cancelled');
    expect(await count('select count(*) as n from items where vendor_id = ?', [shop.vendor.id])).to.equal(0);
    await expectTRPCError(shop.caller.imports.cancel({ id: job.id }), 'CONFLICT');
  });

  it('a worker stopped mid-job hands it over: the job finishes once and no row is applied twice', async () => {
    const shop = await signUp();
    await withImportWorker();
    const pause = pauseAt('apply:items');
    const job = await shop.caller.imports.create({ csv: rows(40), fileName: 'a.csv', preset: 'native', mode: 'apply' });
    await pause.arrived;
    const stopping = restartImportWorker(); // the held job is failed by the stop and retried by the new worker
    await new Promise((resolve) => setTimeout(resolve, 1200));
    pause.release();
    await stopping;
    const ended = await waitForImport(shop.caller, job.id);
    expect(ended.status, ended.failure ?? '').to.equal('succeeded');
    expect(ended.summary).to.deep.equal({ create: 40, update: 0, unchanged: 0, error: 0 });
    expect(await count('select count(*) as n from items where vendor_id = ?', [shop.vendor.id])).to.equal(40);
    expect(await count('select count(*) as n from stock_movements where vendor_id = ?', [shop.vendor.id])).to.equal(40);
    expect(await count("select count(*) as n from audit_events where action = 'imports.apply' and entity_id = ?", [job.id])).to.equal(1);
    expect(await count('select sum(quantity) as n from items where vendor_id = ?', [shop.vendor.id])).to.equal((40 * 41) / 2);
  });

  it('a queued job survives a restart of the queue: it runs once a worker is back', async () => {
    const shop = await signUp();
    await app().jobs.stop(1000);
    // No worker: the job is queued in PostgreSQL.
    await app().jobs.start();
    const job = await shop.caller.imports.create({ csv: rows(3), fileName: 'a.csv', preset: 'native', mode: 'dryRun' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await shop.caller.imports.get({ id: job.id })).status).to.equal('queued');
    await restartImportWorker();
    expect((await waitForImport(shop.caller, job.id)).summary).to.deep.equal({ create: 3, update: 0, unchanged: 0, error: 0 });
  });
});
