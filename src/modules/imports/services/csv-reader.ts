import { parse } from 'csv-parse';
import { unescapeFormulaCell } from '../../../contract/csv-cells.js';
import type { Readable } from 'node:stream';

/** A file that cannot be read at all: the job fails with this message (no row is applied). */
export class ImportFileError extends Error {}

export interface CsvRecord {
  /** The file line the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvProgress {
  bytesRead: number;
}

/** The longest record we hold: a few cells at their limit, far from a whole file eaten by an unclosed quote. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Reads a CSV file as it streams in: UTF-8 (with or without a byte-order mark; anything else is
 * refused at the first bad byte), `,` or `;` as the delimiter (whichever the header line has more
 * of, outside quotes), quoted cells across lines, CRLF or LF. Yields the header first, then every
 * non-empty record with the line it starts on; `progress.bytesRead` follows the bytes consumed.
 */
export async function* readCsv(source: AsyncIterable<Buffer | string> | Readable, progress: CsvProgress): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let pendingCr = false;
  let head = '';
  let parser: ReturnType<typeof parse> | null = null;
  const records: CsvRecord[] = [];
  let failure: Error | null = null;

  const startParser = (delimiter: string) => {
    const p = parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: '\n', max_record_size: MAX_RECORD_CHARS });
    p.on('data', (entry: { record: string[]; info: { lines: number } }) => {
      let inner = 0;
      for (const cell of entry.record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) inner++;
      // Our exports escape formula-like text cells with a quote: it comes off again here.
      records.push({ line: entry.info.lines - inner, cells: entry.record.map(unescapeFormulaCell) });
    });
    p.on('error', (error: Error) => {
      failure = new ImportFileError(`The file is not valid CSV: ${error.message}`);
    });
    return p;
  };
  const feed = async (text: string) => {
    if (!parser) {
      head += text;
      const end = head.indexOf('\n');
      if (end < 0 && head.length < MAX_RECORD_CHARS) return;
      parser = startParser(delimiterOf(end < 0 ? head : head.slice(0, end)));
      text = head;
      head = '';
    }
    if (!parser.write(text)) await new Promise((resolve) => parser!.once('drain', resolve));
  };

  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      throw new ImportFileError('The file is UTF-16 text: save it as UTF-8 (CSV UTF-8) and import it again');
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new ImportFileError(`The file is not UTF-8 text (an invalid byte near byte ${progress.bytesRead + firstBadByte(bytes)}): save it as UTF-8 and import it again`);
    }
    progress.bytesRead += bytes.length;
    if (first) {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      first = false;
    }
    // CRLF → LF (a CR at a chunk's end waits for the next chunk), so line numbers count LFs only.
    if (pendingCr) text = `\r${text}`;
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    await feed(text.replaceAll('\r\n', '\n'));
    if (failure) throw failure;
    while (records.length) yield records.shift()!;
  }
  try {
    decoder.decode();
  } catch {
    throw new ImportFileError('The file is not UTF-8 text (it ends inside a character): save it as UTF-8 and import it again');
  }
  // A CR left at the very end is the file's last line ending.
  if (!parser) {
    parser = startParser(delimiterOf(head));
    if (head) parser.write(head);
  }
  const done = new Promise<void>((resolve) => parser!.once('end', resolve).once('error', () => resolve()));
  parser.end();
  await done;
  if (failure) throw failure;
  while (records.length) yield records.shift()!;
}

/** `;` when the header line has more of them than commas outside quotes, else `,`. */
function delimiterOf(headerLine: string): string {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Where a chunk stops being UTF-8 (approximately: the first byte a strict decoder refuses). */
function firstBadByte(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}
