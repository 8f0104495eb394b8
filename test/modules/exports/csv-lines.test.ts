import { expect } from 'chai';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { escapeFormulaCell, unescapeFormulaCell } from '../../../src/contract/csv-cells.js';
import { csvChunks, csvLine, type CsvCell } from '../../../src/modules/exports/csv-lines.js';
import { parseCsv } from '../../support/csv.js';

const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', "'", '=', '-', '\t', 'é', '😀') }),
  fc.string(),
  fc.nat(),
  fc.constant(null),
);
const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 20 });

describe('export CSV lines', () => {
  it('writes exactly what csv-stringify writes, for any cells', () => {
    fc.assert(fc.property(records, (rows) => rows.map(csvLine).join('') === stringify(rows)), { numRuns: 2000 });
  });

  it('hands the header and every line on in order, in chunks', async () => {
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield i;
    }
    const chunks: string[] = [];
    for await (const chunk of csvChunks(['n', 'text'], rows(), (i) => [i, i % 2 ? 'a, "b"' : 'plain'])) chunks.push(chunk);
    expect(chunks.length).to.be.above(1);
    const parsed = parseCsv(chunks.join(''));
    expect(parsed[0]).to.deep.equal(['n', 'text']);
    expect(parsed.slice(1)).to.deep.equal(Array.from({ length: 5000 }, (_, i) => [String(i), i % 2 ? 'a, "b"' : 'plain']));
  });

  it('escapes formula cells reversibly, and only those', () => {
    for (const text of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx', "'=x", "''-x"]) expect(escapeFormulaCell(text), text).to.equal(`'${text}`);
    for (const text of ['plain', "'quoted", "it's", '1-2', '', ' =x']) expect(escapeFormulaCell(text), text).to.equal(text);
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a') }), (text) => unescapeFormulaCell(escapeFormulaCell(text)) === text));
  });
});
