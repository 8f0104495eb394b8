// npm run bench -- --imports [--rows 100000]: CSV imports end to end, in-process against
// DATABASE_URL (use a database of your own: the bench adds a vendor and its items there).
// A native and a TCGplayer file of --rows rows each, generated deterministically: each is
// uploaded (the local storage's signed upload), then imported as a dry run and applied, and the
// native file is applied once more with changed quantities and prices (every row an update).
// Each is timed from the upload to the job's `succeeded`, with rows/s against the target
// (100,000 rows applied in 5 s: 20,000 rows/s), the peak RSS growth of this process, and where
// the time went (the job's stage timings).
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeColumns, tcgplayerColumns } from '../../src/contract/csv.js';
import { LocalStorage } from '../../src/modules/media/storage/local.js';
import { lastTimings } from '../../src/modules/imports/services/run-import.js';
import { startImportWorker } from '../../src/modules/imports/worker.js';
import { openRuntime } from '../../src/runtime.js';

const TARGET_ROWS_PER_SECOND = 20_000;
const TARGET_RSS_MB = 100;

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function nativeFile(rows: number, round: number): string {
  const lines = [nativeColumns.join(',')];
  const at = nativeColumns.reduce<Record<string, number>>((map, column, i) => ({ ...map, [column]: i }), {});
  for (let i = 0; i < rows; i++) {
    const row: (string | number)[] = nativeColumns.map(() => '');
    row[at.sku!] = `BENCH-${String(i).padStart(7, '0')}`;
    row[at.name!] = `Bench card ${i}, "special" edition`;
    row[at.category!] = 'trading_card';
    row[at.condition!] = ['NM', 'LP', 'MP', 'HP', 'DMG'][i % 5]!;
    row[at.quantity!] = (i % 17) + round;
    row[at.intakePrice!] = `${i % 50}.${String(i % 100).padStart(2, '0')}`;
    row[at.price!] = `${(i % 80) + round}.99`;
    row[at.projectedPrice!] = `${(i % 90) + 1}.49`;
    row[at.game!] = 'Pokemon';
    row[at.setName!] = `Set ${i % 40}`;
    row[at.cardNumber!] = `${i % 300}/300`;
    row[at.rarity!] = 'Rare';
    row[at.finish!] = i % 3 ? 'normal' : 'holofoil';
    row[at.language!] = 'English';
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function tcgFile(rows: number): string {
  const conditions = ['Near Mint Holofoil', 'Lightly Played Reverse Holofoil', 'Near Mint Foil', 'Moderately Played 1st Edition', 'Near Mint - Japanese', 'Heavily Played'];
  const lines = [tcgplayerColumns.join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push([
      1_000_000 + i, 'Pokemon', `Base Set ${i % 30}`, `Card ${i}, holo`, '', `${i % 102}/102`, 'Rare', conditions[i % conditions.length]!,
      `${i % 70}.25`, `${i % 60}.10`, i % 9, i % 2, `${(i % 75) + 1}.75`, '',
    ].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export async function importBench(rows: number): Promise<void> {
  const runtime = await openRuntime({ migrate: true });
  const dir = join(tmpdir(), `omni-import-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const { services } = runtime;
    if (!(services.storage instanceof LocalStorage)) throw new Error('the import bench uploads to the local storage: unset SUPABASE_URL');
    const email = `import-bench-${Date.now()}@example.test`;
    const signed = await runtime.caller().auth.register({ email, password: 'bench-password-1', passwordConfirm: 'bench-password-1', vendorName: `Import bench ${Date.now()}` });
    void signed;
    await startImportWorker(services);

    const files = {
      native: join(dir, 'native.csv'),
      nativeChanged: join(dir, 'native-changed.csv'),
      tcgplayer: join(dir, 'tcgplayer.csv'),
    };
    writeFileSync(files.native, nativeFile(rows, 0));
    writeFileSync(files.nativeChanged, nativeFile(rows, 1));
    writeFileSync(files.tcgplayer, tcgFile(rows));

    const results: Record<string, unknown>[] = [];
    const scenario = async (name: string, file: string, preset: 'native' | 'tcgplayer', mode: 'dryRun' | 'apply') => {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      // Access tokens live 5 minutes: each scenario signs in afresh.
      const login = await runtime.caller().auth.login({ email, password: 'bench-password-1' });
      const caller = runtime.caller({ accessToken: login.accessToken });
      const started = performance.now();
      const size = statSync(file).size;
      const upload = await caller.imports.createUploadUrl({ fileName: 'bench.csv', contentType: 'text/csv', size });
      const storage = services.storage as LocalStorage;
      await storage.storeStream(storage.claimsOf(upload.uploadUrl.split('/').pop()!), createReadStream(file));
      const uploaded = performance.now();
      const job = await caller.imports.create({ uploadId: upload.uploadId, fileName: 'bench.csv', preset, mode });
      let done = await caller.imports.get({ id: job.id });
      while (done.status === 'queued' || done.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        done = await caller.imports.get({ id: job.id });
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (done.status !== 'succeeded') throw new Error(`${name}: ${done.status} ${done.failure ?? ''}`);
      const stages = Object.fromEntries(Object.entries(lastTimings.get(job.id) ?? {}).map(([stage, ms]) => [stage, Math.round(ms)]));
      const row = {
        scenario: name,
        rows,
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(rows / seconds),
        vsTarget: `${Math.round((rows / seconds / TARGET_ROWS_PER_SECOND) * 100)}%`,
        rssGrowthMb: Math.round((peak - rssBefore) / 1024 / 1024),
        uploadMs: Math.round(uploaded - started),
        summary: done.summary,
        stages,
      };
      results.push(row);
      console.log(`${name}: ${row.seconds} s, ${row.rowsPerSecond} rows/s (${row.vsTarget} of ${TARGET_ROWS_PER_SECOND}), RSS +${row.rssGrowthMb} MB; ${JSON.stringify(done.summary)}`);
      console.log(`  stages (ms): upload ${row.uploadMs}, ${Object.entries(stages).map(([s, ms]) => `${s} ${ms}`).join(', ')}`);
    };
    await scenario('native dry run (all new)', files.native, 'native', 'dryRun');
    await scenario('native apply (all new)', files.native, 'native', 'apply');
    await scenario('native apply (all changed)', files.nativeChanged, 'native', 'apply');
    await scenario('native apply (all unchanged)', files.nativeChanged, 'native', 'apply');
    await scenario('tcgplayer dry run (all new)', files.tcgplayer, 'tcgplayer', 'dryRun');
    await scenario('tcgplayer apply (all new)', files.tcgplayer, 'tcgplayer', 'apply');
    console.log(`\ntarget: ${rows.toLocaleString('en')} rows applied in <= ${rows / TARGET_ROWS_PER_SECOND} s (>= ${TARGET_ROWS_PER_SECOND} rows/s), RSS growth <= ${TARGET_RSS_MB} MB; Node ${process.version}`);
    const slow = results.filter((r) => String(r.scenario).includes('apply') && Number(r.rowsPerSecond) < TARGET_ROWS_PER_SECOND);
    const heavy = results.filter((r) => Number(r.rssGrowthMb) > TARGET_RSS_MB);
    if (slow.length || heavy.length) console.log(`below target: ${[...slow, ...heavy].map((r) => r.scenario).join('; ')}`);
    mkdirSync('bench-results', { recursive: true });
    const out = join('bench-results', `imports-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(`written to ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await runtime.close();
  }
}
