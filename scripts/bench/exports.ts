import { readFileSync } from 'node:fs';
import { openOrm } from '../../src/db/orm.js';
import { User } from '../../src/modules/identity/entities.js';
import { exportItemsInput } from '../../src/modules/exports/contract.js';
import { itemsForExport } from '../../src/modules/exports/selectors/items-csv.js';
import { findPrimaryMembership } from '../../src/modules/vendors/selectors/primary-membership.js';

/** The export's target on this machine: rows per second for the target vendor's 100,000 items. */
export const EXPORT_TARGET_ROWS_PER_SEC = 50_000;

export interface ExportRow {
  scenario: string;
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSec: number;
  /** CPU seconds the server (or, for the baseline, this process) spent on it. */
  cpuSeconds: number;
  /** The server's RSS before the download and its peak during it (null for the in-process baseline). */
  idleRssMb: number | null;
  peakRssMb: number | null;
  ratio: number;
}

const rssMbOf = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
/** utime + stime of a process, in seconds (clock ticks of 1/100 s). */
const cpuSecondsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const QUERY = 'status=active';

/**
 * Downloads `/exports/items.csv` in each preset, one at a time and `repeat` times each, reading the
 * body as fast as it comes, and keeps each preset's best run: records after the header, rows per
 * second, the server's CPU time, and its peak RSS (sampled every 50 ms) against its RSS just before.
 * The baseline, measured first in the same run: the export's own query through the same cursor,
 * in this process, rows read and dropped (no CSV, no HTTP): what the database side allows here.
 */
export async function measureExports(databaseUrl: string, email: string, apiUrl: string, token: string, pid: number, repeat = 3): Promise<ExportRow[]> {
  const baseline = await bestOf(repeat, () => readRows(databaseUrl, email));
  const rows: ExportRow[] = [baseline];
  for (const preset of ['native', 'tcgplayer'] as const) rows.push(await bestOf(repeat, () => download(apiUrl, token, pid, preset)));
  return rows;
}

async function bestOf(repeat: number, run: () => Promise<ExportRow>): Promise<ExportRow> {
  let best: ExportRow | undefined;
  for (let i = 0; i < repeat; i++) {
    const row = await run();
    if (!best || row.rowsPerSec > best.rowsPerSec) best = row;
  }
  return best!;
}

function row(scenario: string, records: number, bytes: number, seconds: number, cpuSeconds: number, rss: { idle: number; peak: number } | null): ExportRow {
  const rowsPerSec = Math.round(records / seconds);
  return {
    scenario, rows: records, megabytes: round(bytes / 1e6, 1), seconds: round(seconds, 2), rowsPerSec, cpuSeconds: round(cpuSeconds, 2),
    idleRssMb: rss?.idle ?? null, peakRssMb: rss?.peak ?? null, ratio: round(rowsPerSec / EXPORT_TARGET_ROWS_PER_SEC, 2),
  };
}

async function readRows(databaseUrl: string, email: string): Promise<ExportRow> {
  const orm = await openOrm(databaseUrl, { migrate: false });
  try {
    const em = orm.em.fork();
    const user = await em.findOneOrFail(User, { email });
    const member = (await findPrimaryMembership(em, user.id))!;
    const query = exportItemsInput.parse(Object.fromEntries(new URLSearchParams(QUERY)));
    const started = performance.now();
    const cpu = process.cpuUsage();
    let records = 0;
    for await (const _ of await itemsForExport(em, { vendor: member.vendor, member }, query)) records++;
    const used = process.cpuUsage(cpu);
    return row('baseline: its query through the cursor, in-process', records, 0, (performance.now() - started) / 1000, (used.user + used.system) / 1e6, null);
  } finally {
    await orm.close();
  }
}

async function download(apiUrl: string, token: string, pid: number, preset: string): Promise<ExportRow> {
  const idle = rssMbOf(pid);
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, rssMbOf(pid))), 50);
  const cpuBefore = cpuSecondsOf(pid);
  const started = performance.now();
  const res = await fetch(`${apiUrl}/exports/items.csv?preset=${preset}&${QUERY}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`export ${preset}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, rssMbOf(pid));
  // The seeded data has no line breaks inside cells: one line per record, the header first.
  return row(`GET /exports/items.csv?preset=${preset}`, lines - 1, bytes, seconds, cpuSecondsOf(pid) - cpuBefore, { idle, peak });
}

export function reportExports(rows: ExportRow[]) {
  const [baseline] = rows;
  console.log(`\nexports (best of 3, one at a time; target ${EXPORT_TARGET_ROWS_PER_SEC.toLocaleString('en')} rows/s)`);
  for (const r of rows) {
    const rss = r.idleRssMb === null ? '' : `  RSS ${r.idleRssMb} → ${r.peakRssMb} MB`;
    const vsBaseline = r === baseline ? '' : `, ${Math.round((r.rowsPerSec / baseline!.rowsPerSec) * 100)}% of the baseline`;
    console.log(
      `${r.scenario.padEnd(52)} ${String(r.rows).padStart(7)} rows ${String(r.megabytes).padStart(5)} MB ${r.seconds.toFixed(2).padStart(6)} s` +
        ` ${String(r.rowsPerSec).padStart(7)} rows/s (${Math.round(r.ratio * 100)}% of target${vsBaseline})  CPU ${r.cpuSeconds.toFixed(2)} s${rss}`,
    );
  }
}
