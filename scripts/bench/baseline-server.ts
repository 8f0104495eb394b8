// The limits the API is measured against, served by plain Express on a raw pg pool:
//   GET  /list    items.list's work without the framework: the Bearer token verified as the API
//                 verifies it (jsonwebtoken, the same claims check), then, in order, exactly the SQL
//                 statements one items.list call sends (captured by the harness, the caller's user id
//                 put in from the verified token: the statement looks up the membership as the API's
//                 does), the member checked, and the answer in the same JSON (the page as
//                 `{ result: { data: { items, total, nextCursor } } }`)
//   GET  /get     the same for items.get (`{ result: { data: item } }`)
//   GET  /list-prepared, /get-prepared  the same statements as the API sends them (src/db/prepared.ts):
//                 prepared once per connection, their values as parameters (the user id from the token)
//   POST /bcrypt  one bcrypt.compare at the configured cost
//   GET  /overview  runs BENCH_OVERVIEW_SQL: inventory.overview's old full scan (scripts/bench/overview-full-scan.ts)
// Started by scripts/bench.ts in its own process on PORT.
import bcrypt from 'bcrypt';
import express, { type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { outageGuard } from '../../src/db/outage.js';
import { numberedPlaceholders } from '../../src/db/prepared.js';
import { verifyAccessToken } from '../../src/modules/identity/tokens.js';
import type { ItemSort } from '../../src/modules/inventory/contract.js';
import { itemPageOf } from '../../src/modules/inventory/selectors/list-items.js';
import type { CapturedStatement } from '../support/capture-sql.js';

export interface CapturedReads {
  /** The user the statements were captured for (replaced by the token's user on each request). */
  userId: string;
  list: { sort: ItemSort; statements: CapturedStatement[] };
  get: { statements: CapturedStatement[] };
}

/** How a baseline sends its statements: as text with the values in it, or prepared (`$n` parameters, one name per text). */
type Protocol = 'text' | 'prepared';

// The overview bench (scripts/bench/overview.ts) starts this server with BENCH_OVERVIEW_SQL only.
const reads = (process.env.BENCH_SQL_FILE ? JSON.parse(readFileSync(process.env.BENCH_SQL_FILE, 'utf8')) : { userId: '', list: { sort: 'createdAt', statements: [] }, get: { statements: [] } }) as CapturedReads;
const overviewSql = process.env.BENCH_OVERVIEW_SQL ?? 'select 1';
// The API's pool: the same size and the same outage guard (src/db/outage.ts), whose watchdog
// reconnects when a connection stays checked out long; on a busy machine it shapes throughput.
const guard = outageGuard();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, ...guard });
guard.onPoolCreated(pool);
const password = process.env.BENCH_PASSWORD!;
const hash = bcrypt.hashSync(password, Number(process.env.BCRYPT_COST ?? 10));
const tokens = { jwtSecret: process.env.JWT_SECRET!, accessTokenTtlSeconds: 0, refreshTokenTtlSeconds: 0 };

const preparedQueries = (statements: CapturedStatement[]) =>
  statements.map(({ text, params }, i) => ({ name: `baseline_${i}_${params.length}`, text: numberedPlaceholders(text), params }));
const prepared = { list: preparedQueries(reads.list.statements), get: preparedQueries(reads.get.statements) };

/** Verifies the request's token and runs one read's statements for its user on one connection; the last one's rows. */
async function run(req: Request, read: 'list' | 'get', protocol: Protocol): Promise<Record<string, unknown>[]> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  const { userId } = verifyAccessToken(tokens, token ?? '');
  const client = await pool.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    if (protocol === 'text') for (const { inlined } of reads[read].statements) rows = (await client.query(inlined.replaceAll(reads.userId, userId))).rows;
    else for (const { name, text, params } of prepared[read]) rows = (await client.query({ name, text, values: params.map((value) => (value === reads.userId ? userId : value)) })).rows;
    return rows;
  } finally {
    client.release();
  }
}

const refused = (res: Response, status: number) => res.status(status).json({ error: { message: status === 403 ? 'not a member' : 'not found' } });

const app = express();
app.disable('x-powered-by');
for (const [suffix, protocol] of [['', 'text'], ['-prepared', 'prepared']] as const) {
  app.get(`/list${suffix}`, async (req, res) => {
    const [row] = await run(req, 'list', protocol);
    if (!row?.member) return refused(res, 403);
    res.json({ result: { data: itemPageOf(row as Parameters<typeof itemPageOf>[0], reads.list.sort) } });
  });
  app.get(`/get${suffix}`, async (req, res) => {
    const [row] = await run(req, 'get', protocol);
    if (!row?.member) return refused(res, 403);
    if (!row.item) return refused(res, 404);
    res.json({ result: { data: row.item } });
  });
}
app.get('/overview', async (_req, res) => {
  res.json({ result: { data: (await pool.query(overviewSql)).rows } });
});
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/bcrypt', async (_req, res) => {
  res.json({ ok: await bcrypt.compare(password, hash) });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
