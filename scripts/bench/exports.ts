import { readFileSync } from 'node:fs';

/** The export's target on this machine: rows per second for the target vendor's 100,000 items. */
export const EXPORT_TARGET_ROWS_PER_SEC = 50_000;

export interface ExportRow {
  scenario: string;
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSec: number;
  /** The server's RSS before the download and its peak during it. */
  idleRssMb: number;
  peakRssMb: number;
  ratio: number;
}

const rssMbOf = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/**
 * Downloads `/exports/items.csv` in each preset, one at a time and `repeat` times each, reading the
 * body as fast as it comes, and keeps each preset's best run: rows (records after the header),
 * rows per second, and the server's peak RSS (sampled every 50 ms) against its RSS just before.
 */
export async function measureExports(apiUrl: string, token: string, pid: number, repeat = 3): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for (const preset of ['native', 'tcgplayer'] as const) {
    let best: ExportRow | undefined;
    for (let run = 0; run < repeat; run++) {
      const idleRssMb = rssMbOf(pid);
      let peakRssMb = idleRssMb;
      const timer = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMbOf(pid))), 50);
      const started = performance.now();
      const res = await fetch(`${apiUrl}/exports/items.csv?preset=${preset}&status=active`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok || !res.body) throw new Error(`export ${preset}: ${res.status} ${await res.text()}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      peakRssMb = Math.max(peakRssMb, rssMbOf(pid));
      // The seeded data has no line breaks inside cells: one line per record, the header first.
      const records = lines - 1;
      const rowsPerSec = Math.round(records / seconds);
      const row = {
        scenario: `GET /exports/items.csv?preset=${preset}`, rows: records, megabytes: Math.round(bytes / 1e5) / 10,
        seconds: Math.round(seconds * 100) / 100, rowsPerSec, idleRssMb, peakRssMb, ratio: Math.round((rowsPerSec / EXPORT_TARGET_ROWS_PER_SEC) * 100) / 100,
      };
      if (!best || row.rowsPerSec > best.rowsPerSec) best = row;
    }
    rows.push(best!);
  }
  return rows;
}

export function reportExports(rows: ExportRow[]) {
  console.log(`\nexports (best of 3, one download at a time; target ${EXPORT_TARGET_ROWS_PER_SEC.toLocaleString('en')} rows/s)`);
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(42)} ${String(r.rows).padStart(7)} rows  ${String(r.megabytes).padStart(6)} MB  ${r.seconds.toFixed(2).padStart(6)} s` +
        `  ${String(r.rowsPerSec).padStart(7)} rows/s  ${Math.round(r.ratio * 100)}% of target  RSS ${r.idleRssMb} → ${r.peakRssMb} MB`,
    );
  }
}
