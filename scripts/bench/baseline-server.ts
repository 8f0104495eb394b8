// The limits the API is measured against, served by plain Express on a raw pg pool:
//   GET  /list    runs, in order, exactly the SQL statements one items.list call runs (captured by the harness)
//   POST /bcrypt  one bcrypt.compare at the configured cost
//   GET  /overview  runs BENCH_OVERVIEW_SQL: inventory.overview's old full scan (scripts/bench/overview-full-scan.ts)
// Started by scripts/bench.ts in its own process on PORT.
import bcrypt from 'bcrypt';
import express from 'express';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const statements = process.env.BENCH_SQL_FILE ? (JSON.parse(readFileSync(process.env.BENCH_SQL_FILE, 'utf8')) as string[]) : [];
const overviewSql = process.env.BENCH_OVERVIEW_SQL ?? 'select 1';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const password = process.env.BENCH_PASSWORD!;
const hash = bcrypt.hashSync(password, Number(process.env.BCRYPT_COST ?? 10));

const app = express();
app.disable('x-powered-by');
app.get('/list', async (_req, res) => {
  const client = await pool.connect();
  try {
    let rows: unknown[] = [];
    for (const sql of statements) rows = (await client.query(sql)).rows;
    res.json({ result: { data: rows } });
  } finally {
    client.release();
  }
});
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
