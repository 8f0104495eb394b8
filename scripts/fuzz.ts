// npm run fuzz [-- --calls 20000] [--seed N] [--start I] [--procedure items.create,items.update]
// Fuzzes every procedure as every role on a throwaway test database (TEST_DATABASE_URL's server,
// else the embedded one) and prints a summary per procedure and every INTERNAL_SERVER_ERROR, grouped
// by cause with one reproducing call each. Exits 1 on any INTERNAL_SERVER_ERROR.
import { createLogger } from '../src/logger.js';
import { startTestApp, stopTestApp } from '../test/support/app.js';
import { startTestRun } from '../test/support/database.js';
import { describeGroup, fuzz, groupFailures, summaryTable, type FuzzReport } from '../test/fuzz/runner.js';
import { intFlag, parseFlags } from './support/flags.js';

const flags = parseFlags();
const calls = intFlag('calls', 20_000);
const seed = flags.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(flags.seed);
const start = flags.start === undefined ? 0 : Number(flags.start);
if (!Number.isInteger(seed) || !Number.isInteger(start) || start < 0) throw new Error('--seed and --start must be integers (--start >= 0)');
const procedures = flags.procedure?.split(',');

/** Calls per second, not counting the time spent seeding worlds. */
const rate = (r: FuzzReport) => Math.round(r.calls / (r.seconds - r.worldSeconds));
console.log(`fuzz: ${calls} calls from call ${start}, seed ${seed}${procedures ? `, only ${procedures.join(', ')}` : ''}`);
const run = await startTestRun(createLogger('silent'));
await startTestApp();
let failed = true;
try {
  const report = await fuzz({
    calls,
    seed,
    start,
    procedures,
    onProgress: (r) => console.log(`  ${r.calls}/${calls} calls, ${rate(r)} calls/s, ${r.failures.length} INTERNAL_SERVER_ERROR so far`),
  });
  const groups = groupFailures(report.failures);
  console.log(`\n${summaryTable(report)}\n`);
  console.log(
    `${report.calls} calls in ${report.seconds.toFixed(1)} s (${rate(report)} calls/s; ${report.worldSeconds.toFixed(1)} s of it seeding ${report.worlds} worlds, staffing restored ${report.staffingRestores}×), ` +
      `${report.failures.length} INTERNAL_SERVER_ERROR in ${groups.length} groups`,
  );
  for (const group of groups) console.log(`\n${describeGroup(group)}`);
  failed = report.failures.length > 0;
} finally {
  await stopTestApp();
  await run.finish();
}
process.exit(failed ? 1 : 0);
