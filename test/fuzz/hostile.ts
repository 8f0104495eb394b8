import fc from 'fast-check';

/**
 * The catalogue of hostile values: what a client can put where a schema expects a value, chosen
 * for what PostgreSQL, JSON and JavaScript refuse or mishandle. Each value is labelled (`kind`)
 * so a failure names the shape that caused it.
 */

/** A value with exactly one hostile part: where it sits in the input (`at`) and what it is (`kind`). */
export interface Hostile {
  value: unknown;
  at: string;
  kind: string;
}

type Labelled = [kind: string, value: unknown];

export const labelled = (arbitrary: fc.Arbitrary<Labelled>): fc.Arbitrary<Hostile> =>
  arbitrary.map(([kind, value]) => ({ value, at: '', kind }));

const pick = (choices: Labelled[]) => fc.constantFrom(...choices);

/** `text` with `insert` spliced in at a random position. */
const spliced = (text: string, insert: string) =>
  fc.nat({ max: text.length }).map((i) => `${text.slice(0, i)}${insert}${text.slice(i)}`);

const ODD_UNICODE = [
  '\u202eright-to-left override',
  'zero\u200bwidth\u200djoiner',
  '\ufeffbyte order mark',
  'e\u0301\u0301\u0301 combining marks',
  '👩‍👩‍👧‍👦 family emoji',
  'nonchar \uffff\ufffe',
  'astral \u{10ffff}',
  'line \u2028 paragraph \u2029 next \u0085',
  'control \u0001\u0008\u001b[31m\u007f',
  'full-width １２３．４５',
  'İstanbul ǅ ﬃ',
];

/**
 * Hostile text for a string leaf whose valid form is `valid` and whose length limit is `max`
 * (`undefined`: none). Some of these pass validation on purpose (NUL, exactly `max`
 * characters): they are the ones that must still not reach the database as an error.
 */
export function hostileText(valid: string, max: number | undefined): fc.Arbitrary<Labelled> {
  const limits: Labelled[] =
    max === undefined
      ? []
      : [
          ['exactly max length', 'x'.repeat(max)],
          ['max length + 1', 'x'.repeat(max + 1)],
          ['max length of case-growing İ', 'İ'.repeat(max)],
          ['max length of astral characters', '😀'.repeat(Math.floor(max / 2))],
        ];
  return fc.oneof(
    spliced(valid, '\u0000').map((s): Labelled => ['NUL character', s]),
    spliced(valid, '\ud800').map((s): Labelled => ['lone high surrogate', s]),
    spliced(valid, '\udfff').map((s): Labelled => ['lone low surrogate', s]),
    pick([
      ...limits,
      ['100,000 characters', 'x'.repeat(100_000)],
      ['empty', ''],
      ['whitespace only', ' \t\n\u00a0\u2003 '],
      ['SQL and LIKE specials', `%_\\'"; drop table items; --`],
      ['prototype key', '__proto__'],
      ['constructor key', 'constructor'],
    ]),
    fc.constantFrom(...ODD_UNICODE).map((s): Labelled => ['odd unicode', s]),
  );
}

/** ISO datetimes at and beyond PostgreSQL's timestamp range (4713 BC to 294276 AD) and JavaScript's. */
const HOSTILE_DATETIMES: Labelled[] = [
  ['year 0000', '0000-01-01T00:00:00Z'],
  ['year 0001 east of UTC (year 0 in UTC)', '0001-01-01T00:00:00+14:00'],
  ['year 9999 west of UTC (year 10000 in UTC)', '9999-12-31T23:59:59-14:00'],
  ['last millisecond of 9999', '9999-12-31T23:59:59.999Z'],
  ['expanded year +010000', '+010000-01-01T00:00:00Z'],
  ['year 294277', '294277-01-01T00:00:00Z'],
  ['negative year', '-000001-01-01T00:00:00Z'],
  ['February 30', '2024-02-30T00:00:00Z'],
  ['hour 24', '2024-01-01T24:00:00Z'],
  ['leap second', '2016-12-31T23:59:60Z'],
  ['nanoseconds', '2024-01-01T00:00:00.123456789Z'],
];

const HOSTILE_DATES: Labelled[] = [
  ['year 0000', '0000-01-01'],
  ['year 9999', '9999-12-31'],
  ['year 10000', '10000-01-01'],
  ['year 294277', '294277-01-01'],
  ['negative year', '-0001-01-01'],
  ['February 29 of a common year', '2023-02-29'],
  ['month 13', '2024-13-01'],
];

/** Hostile values for a string leaf of a given Zod format (datetime and date get their range edges). */
export function hostileFormatted(format: string | undefined, valid: string, max: number | undefined): fc.Arbitrary<Labelled> {
  const text = hostileText(valid, max);
  if (format === 'datetime') return fc.oneof({ weight: 3, arbitrary: pick(HOSTILE_DATETIMES) }, { weight: 1, arbitrary: text });
  if (format === 'date') return fc.oneof({ weight: 3, arbitrary: pick(HOSTILE_DATES) }, { weight: 1, arbitrary: text });
  if (format === 'uuid') {
    return fc.oneof(
      pick([
        ['nil uuid', '00000000-0000-0000-0000-000000000000'],
        ['max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
        ['uuid in braces', `{${valid}}`],
        ['uuid without dashes', valid.replaceAll('-', '')],
        ['upper-case uuid', valid.toUpperCase()],
      ]),
      text,
    );
  }
  return text;
}

/** Numbers past every integer range the database and JavaScript have, plus the schema's own edges. */
export function hostileNumber(min: number | undefined, max: number | undefined): fc.Arbitrary<Labelled> {
  const edges: Labelled[] = [];
  if (min !== undefined && Number.isFinite(min)) edges.push(['minimum', min], ['minimum - 1', min - 1]);
  if (max !== undefined && Number.isFinite(max)) edges.push(['maximum', max], ['maximum + 1', max + 1]);
  return pick([
    ...edges,
    ['2^31', 2 ** 31],
    ['2^31 - 1', 2 ** 31 - 1],
    ['-2^31 - 1', -(2 ** 31) - 1],
    ['2^53', 2 ** 53],
    ['2^63', 2 ** 63],
    ['-0', -0],
    ['0.5', 0.5],
    ['1e-7', 1e-7],
    ['1e21', 1e21],
    ['1e308', 1e308],
    ['-1e308', -1e308],
    ['smallest subnormal', Number.MIN_VALUE],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['number as string', '1'],
  ]);
}

/** A value of every JSON type (and undefined): what "wrong type" means at any position. */
export const wrongType: fc.Arbitrary<Hostile> = labelled(
  pick([
    ['wrong type: null', null],
    ['wrong type: undefined', undefined],
    ['wrong type: boolean', true],
    ['wrong type: number', 0],
    ['wrong type: string', 'x'],
    ['wrong type: empty string', ''],
    ['wrong type: array', []],
    ['wrong type: array of null', [null]],
    ['wrong type: object', {}],
    ['wrong type: object with a key', { x: 1 }],
  ]),
);

/** `{ a: { a: ... } }` or `[[...]]` `depth` levels deep, built without recursion. */
export function nested(depth: number, shape: 'object' | 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = shape === 'object' ? { a: value } : [value];
  return value;
}

/** An object with `count` keys. */
export const wide = (count: number, value: (i: number) => unknown = (i) => i) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value(i)]));

/** Hostile JSON for an `unknown`/`record` position: deep, wide, and text the database's JSON refuses. */
export const hostileJson: fc.Arbitrary<Labelled> = fc.oneof(
  fc.constantFrom(1_000, 10_000, 100_000).chain((depth) =>
    fc.constantFrom<Labelled>([`object nested ${depth} deep`, nested(depth, 'object')], [`array nested ${depth} deep`, nested(depth, 'array')]),
  ),
  pick([
    ['object with 10,000 keys', wide(10_000)],
    ['array of 100,000 numbers', Array.from({ length: 100_000 }, (_, i) => i)],
    ['NUL in a JSON string', { text: 'a\u0000b' }],
    ['NUL in a JSON key', { 'a\u0000b': 1 }],
    ['lone surrogate in a JSON string', { text: 'a\ud800b' }],
    ['lone surrogate in a JSON key', { 'a\udfffb': 1 }],
    ['escaped-looking NUL text', { text: '\\u0000' }],
    ['prototype key in JSON', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['-0 in JSON', { n: -0 }],
    ['NaN in JSON', { n: Number.NaN }],
    ['huge number in JSON', { n: 1e308 }],
  ]),
);

/** Cursors as a client can forge them: base64url JSON of [sort value, id] with hostile parts. */
export function handMadeCursors(ids: string[]): fc.Arbitrary<Hostile> {
  const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const id = fc.constantFrom(...ids, '00000000-0000-0000-0000-000000000000');
  const value = pick([
    ['NUL in the sort value', 'a\u0000b'],
    ['lone surrogate in the sort value', 'a\ud800b'],
    ['year 0000 sort value', '0000-01-01T00:00:00Z'],
    ['year 294277 sort value', '294277-01-01T00:00:00Z'],
    ['year 9999 west of UTC sort value', '9999-12-31T23:59:59-14:00'],
    ['2^31 sort value', 2 ** 31],
    ['2^63 sort value', 2 ** 63],
    ['fractional sort value', 0.5],
    ['money-like sort value past numeric(12,2)', '99999999999999.99'],
    ['object sort value', { $gt: 1 }],
    ['array sort value', [1]],
    ['null sort value', null],
    ['boolean sort value', true],
  ]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(value, id).map(([[kind, v], i]): Hostile => ({ value: encode([v, i]), at: '', kind: `cursor: ${kind}` })) },
    {
      weight: 1,
      arbitrary: labelled(
        pick([
          ['cursor: non-uuid id', encode(['a', 'not-a-uuid'])],
          ['cursor: NUL in the id', encode(['a', 'a\u0000b'])],
          ['cursor: three elements', encode(['a', ids[0], 'extra'])],
          ['cursor: an object', encode({ value: 'a', id: ids[0] })],
          ['cursor: not JSON', Buffer.from('{not json').toString('base64url')],
          ['cursor: not base64url', '!!!not base64!!!'],
          ['cursor: JSON with a NUL escape', Buffer.from('["\\u0000", "00000000-0000-0000-0000-000000000000"]').toString('base64url')],
        ]),
      ),
    },
  );
}
