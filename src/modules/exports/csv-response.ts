import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvChunks, type CsvCell } from './csv-lines.js';

/** A client that reads nothing for this long is cut off, so a stalled download cannot hold a database connection. */
export const EXPORT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Streams `rows` as a CSV download with constant memory: the first row is read before anything is
 * sent (so a failing query still answers a JSON error with its status), then rows are turned into
 * CSV lines (src/modules/exports/csv-lines.ts) only as the response asks for more: `pipeline`
 * waits for `drain` whenever the socket is full, and the source pulls one 64 KB chunk at a time,
 * so backpressure reaches back to the database cursor. A client that disconnects ends the
 * pipeline, which stops the iteration (the cursor closes, its connection returns to the pool).
 * An error after the headers were sent can only abort the response: a truncated transfer.
 */
export async function sendCsv<Row>(res: Response, options: { filename: string; columns: readonly string[]; rows: AsyncIterable<Row>; record: (row: Row) => CsvCell[] }): Promise<void> {
  const iterator = options.rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  const rows: AsyncIterable<Row> = {
    async *[Symbol.asyncIterator]() {
      try {
        for (let next = first; !next.done; next = await iterator.next()) yield next.value;
      } finally {
        await iterator.return?.();
      }
    },
  };
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${options.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setTimeout(EXPORT_IDLE_TIMEOUT_MS, () => res.destroy(new Error('the client stopped reading the export')));
  await pipeline(Readable.from(csvChunks(options.columns, rows, options.record), { highWaterMark: 1 }), res);
}
