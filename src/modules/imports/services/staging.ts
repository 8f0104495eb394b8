import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { ValidRow } from './rows.js';

/**
 * The staging table of one job: every valid row of the file, typed, COPYed in as it is read, on
 * the job's own connection. It is an ordinary UNLOGGED table (in the `import_staging` schema) so
 * that the apply transaction, on a pooled connection, can read it; it is dropped when the job
 * ends (and a retry starts a new one).
 */
export const stagingTableOf = (jobId: string) => `import_staging."job_${jobId.replaceAll('-', '')}"`;

type Cell = string | number | boolean | Date | Record<string, unknown> | null | undefined;
interface StagingColumn {
  name: string;
  type: string;
  of: (row: ValidRow) => Cell;
}

const card = (row: ValidRow) => row.cardDetails;

/** The columns, typed as the items and card_details columns they feed; null means "not in the file". */
export const stagingColumns: StagingColumn[] = [
  { name: 'line', type: 'int not null', of: (r) => r.line },
  { name: 'sku', type: 'text not null', of: (r) => r.sku },
  { name: 'name', type: 'text not null', of: (r) => r.name },
  { name: 'category', type: 'text', of: (r) => r.category },
  { name: 'condition', type: 'text', of: (r) => r.condition },
  { name: 'status', type: 'text', of: (r) => r.status },
  { name: 'store_id', type: 'uuid', of: (r) => r.storeId },
  { name: 'quantity', type: 'int', of: (r) => r.quantity },
  { name: 'intake_price', type: 'numeric(12,2)', of: (r) => r.intakePrice },
  { name: 'price', type: 'numeric(12,2)', of: (r) => r.price },
  { name: 'projected_price', type: 'numeric(12,2)', of: (r) => r.projectedPrice },
  { name: 'description', type: 'text', of: (r) => r.description },
  { name: 'image_url', type: 'text', of: (r) => r.imageUrl },
  { name: 'attributes', type: 'jsonb', of: (r) => r.attributes },
  { name: 'has_card', type: 'boolean not null', of: (r) => r.cardDetails !== undefined },
  { name: 'game', type: 'text', of: (r) => card(r)?.game },
  { name: 'set_name', type: 'text', of: (r) => card(r)?.setName },
  { name: 'set_code', type: 'text', of: (r) => card(r)?.setCode },
  { name: 'card_number', type: 'text', of: (r) => card(r)?.cardNumber },
  { name: 'rarity', type: 'text', of: (r) => card(r)?.rarity },
  { name: 'finish', type: 'text', of: (r) => card(r)?.finish },
  { name: 'language', type: 'text', of: (r) => card(r)?.language },
  { name: 'grading_company', type: 'text', of: (r) => card(r)?.gradingCompany },
  { name: 'grade', type: 'numeric(3,1)', of: (r) => card(r)?.grade },
  { name: 'cert_number', type: 'text', of: (r) => card(r)?.certNumber },
  { name: 'external_ids', type: 'jsonb', of: (r) => card(r)?.externalIds },
  { name: 'last_estimated_at', type: 'timestamptz', of: (r) => card(r)?.lastEstimatedAt },
  { name: 'release_date', type: 'date', of: (r) => card(r)?.releaseDate },
  { name: 'print_run', type: 'int', of: (r) => card(r)?.printRun },
  { name: 'market_region', type: 'text', of: (r) => card(r)?.marketRegion },
  { name: 'notes', type: 'text', of: (r) => card(r)?.notes },
];

export const createStagingSql = (table: string) =>
  `create unlogged table ${table} (${stagingColumns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`;

/** COPY's text format: `\N` for null, backslash escapes for backslash, tab, newline and CR. */
function copyCell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

const CHUNK_CHARS = 256 * 1024;

/**
 * COPY ... FROM STDIN into the staging table, fed row by row and flushed in chunks of about
 * 256 KB (waiting when the connection is behind), so memory stays flat whatever the file's size.
 */
export class StagingWriter {
  private readonly stream;
  private chunk = '';
  private failed: Error | null = null;
  rows = 0;

  constructor(client: pg.PoolClient | pg.Client, table: string) {
    this.stream = client.query(copyFrom(`copy ${table} (${stagingColumns.map((c) => `"${c.name}"`).join(', ')}) from stdin`));
    this.stream.on('error', (error: Error) => {
      this.failed = error;
    });
  }

  async add(row: ValidRow): Promise<void> {
    let line = '';
    for (let i = 0; i < stagingColumns.length; i++) line += (i ? '\t' : '') + copyCell(stagingColumns[i]!.of(row));
    this.chunk += `${line}\n`;
    this.rows++;
    if (this.chunk.length >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    const data = this.chunk;
    this.chunk = '';
    if (data && !this.stream.write(data)) await once(this.stream, 'drain');
  }

  async finish(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
    if (this.failed) throw this.failed;
  }
}
