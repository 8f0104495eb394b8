import fc from 'fast-check';
import { z } from 'zod';
import { hostileFormatted, hostileJson, hostileNumber, hostileText, labelled, wrongType, type Hostile } from './hostile.js';

/**
 * fast-check arbitraries from Zod 4 schemas, read from `schema._zod.def` (no maintained library
 * does this for Zod 4 and fast-check 4: zod-fast-check stops at Zod 3 and fast-check 3).
 *
 * Every schema becomes a `Node`: `valid` generates inputs the schema accepts (so calls reach
 * the services), `hostile` generates inputs with exactly one hostile part, labelled with its path
 * and kind. `leaves` weighs a node by how many places it has to be hostile in, so every field
 * of an input is picked about as often as every other; dates and free JSON count as three, since
 * their range in JavaScript is wider than in PostgreSQL: there inputs pass validation and fail later.
 */
export interface Node {
  valid: fc.Arbitrary<unknown>;
  hostile: fc.Arbitrary<Hostile>;
  leaves: number;
}

/**
 * Arbitraries by property name, for values a schema cannot describe: real ids, tokens, cursors.
 * A hint's valid values are drawn 3 times in 4 (always when `exclusive`), its hostile ones
 * alongside the schema's.
 */
export interface Hint {
  valid?: fc.Arbitrary<unknown>;
  exclusive?: boolean;
  hostile?: fc.Arbitrary<Hostile>;
}
export type Hints = Record<string, Hint>;

type Schema = z.core.$ZodType;

/** The input a tRPC procedure parses: its `.input()` schemas (several merge, as tRPC merges them). */
export function inputNode(procedure: { _def: { inputs: unknown[] } }, hints: Hints = {}): Node {
  const nodes = procedure._def.inputs.map((input) => nodeOf(input as Schema, hints));
  if (nodes.length === 0) return { valid: fc.constant(undefined), hostile: wrongType, leaves: 1 };
  if (nodes.length === 1) return nodes[0]!;
  const merge = (values: unknown[]) => Object.assign({}, ...values);
  return {
    valid: fc.tuple(...nodes.map((n) => n.valid)).map(merge),
    hostile: fc.oneof(
      ...nodes.map((node, i) => ({
        weight: node.leaves,
        arbitrary: fc.tuple(fc.tuple(...nodes.map((n) => n.valid)), node.hostile).map(([values, h]) => ({
          ...h,
          value: merge(values.map((v, j) => (j === i ? h.value : v))),
        })),
      })),
    ),
    leaves: nodes.reduce((sum, n) => sum + n.leaves, 0),
  };
}

const join = (key: string | number, at: string) =>
  (typeof key === 'number' ? `[${key}]` : key) + (at === '' || at.startsWith('[') ? at : `.${at}`);

const within = (key: string | number) => (h: Hostile): Hostile => ({ ...h, at: join(key, h.at) });

const WIDE = 3;

const leaf = (valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<Hostile>, leaves = 1): Node => ({
  valid,
  hostile: fc.oneof({ weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: wrongType }),
  leaves,
});

const checksOf = (schema: Schema) => (schema._zod.def.checks ?? []).map((check) => (check as z.core.$ZodChecks)._zod.def);

/** Nodes under construction, so recursive schemas (z.lazy, z.json()) refer to themselves lazily. */
const building = new Map<Schema, Node>();

// Unions and containers share one depth budget: past it fast-check takes the first option.
const depth = { depthIdentifier: 'zod', maxDepth: 3 };

export function nodeOf(schema: Schema, hints: Hints = {}): Node {
  const pending = building.get(schema);
  if (pending) return pending;
  const deferred = fc.constant(null);
  const self: Node = { valid: deferred.chain(() => self.valid), hostile: deferred.chain(() => self.hostile), leaves: 1 };
  building.set(schema, self);
  try {
    Object.assign(self, build(schema, hints));
    return self;
  } finally {
    building.delete(schema);
  }
}

function build(schema: Schema, hints: Hints): Node {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'string':
      return stringNode(schema);
    case 'number':
      return numberNode(schema);
    case 'boolean':
      return leaf(fc.boolean(), labelled(fc.constantFrom(['boolean as string', 'true'], ['boolean as number', 1])));
    case 'bigint':
      return leaf(fc.bigInt(), labelled(fc.constantFrom(['bigint as number', 1], ['huge bigint', 2n ** 200n])));
    case 'date':
      return leaf(fc.date({ noInvalidDate: true }), labelled(fc.constantFrom(['invalid date', new Date(Number.NaN)], ['year 0000', new Date('0000-01-01T00:00:00Z')])));
    case 'null':
      return leaf(fc.constant(null), wrongType);
    case 'undefined':
    case 'void':
      return leaf(fc.constant(undefined), wrongType);
    case 'literal':
      return enumNode(def.values as unknown[]);
    case 'enum':
      return enumNode(Object.values(def.entries));
    case 'any':
    case 'unknown':
    case 'custom':
    case 'transform':
      return { valid: fc.jsonValue({ maxDepth: 2 }), hostile: labelled(hostileJson), leaves: WIDE };
    case 'optional':
    case 'default':
    case 'prefault':
      return wrap(nodeOf(def.innerType, hints), (valid) => fc.option(valid, { nil: undefined, freq: 4 }));
    case 'nullable':
      return wrap(nodeOf(def.innerType, hints), (valid) => fc.option(valid, { nil: null, freq: 4 }));
    case 'nonoptional':
      return nodeOf(required(def.innerType), hints);
    case 'readonly':
    case 'catch':
      return nodeOf(def.innerType, hints);
    case 'lazy':
      return nodeOf(def.getter(), hints);
    case 'pipe':
      // The input side parses what the client sends; a preprocess step (transform first) takes anything.
      if (def.in._zod.def.type === 'transform') return nodeOf(def.out, hints);
      // A transform after it may still refuse a value (ctx.addIssue): valid values are those the whole schema takes.
      if (def.out._zod.def.type === 'transform') return accepted(schema, nodeOf(def.in, hints));
      return nodeOf(def.in, hints);
    case 'object':
      return objectNode(def.shape, def.catchall?._zod.def.type === 'never', hints);
    case 'array':
      return arrayNode(schema, nodeOf(def.element, hints));
    case 'tuple':
      return tupleNode(def.items.map((item) => nodeOf(item, hints)));
    case 'record':
      return recordNode(nodeOf(def.keyType, hints), nodeOf(def.valueType, hints));
    case 'union':
      return unionNode(def.options.map((option) => nodeOf(option, hints)));
    default:
      throw new Error(`fuzz: no arbitrary for Zod type "${def.type}"; teach test/fuzz/arbitraries.ts this type`);
  }
}

/** `.required()` wraps an optional field in nonoptional: generate the field's own type. */
function required(schema: Schema): Schema {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  return def.type === 'optional' || def.type === 'default' || def.type === 'prefault' ? required(def.innerType) : schema;
}

const accepted = (schema: Schema, node: Node): Node => ({ ...node, valid: node.valid.filter((value) => z.safeParse(schema, value).success) });

const wrap = (inner: Node, valid: (valid: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>): Node => ({ ...inner, valid: valid(inner.valid) });

function enumNode(values: unknown[]): Node {
  const text = values.find((v): v is string => typeof v === 'string') ?? 'x';
  return leaf(
    fc.constantFrom(...values),
    labelled(
      fc.constantFrom(['upper-case member', text.toUpperCase()], ['member with a NUL', `${text}\u0000`], ['member with spaces', ` ${text} `], ['not a member', 'zzz']),
    ),
  );
}

const WORD = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 12 });

function stringNode(schema: Schema): Node {
  const own = schema._zod.def as z.core.$ZodStringFormatDef;
  let min = 0;
  let max: number | undefined;
  let pattern: RegExp | undefined;
  let format = own.format;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum);
    else if (check.check === 'max_length') max = Math.min(max ?? Infinity, check.maximum);
    else if (check.check === 'length_equals') min = max = check.length;
    else if (check.check === 'string_format' && check.format === 'regex') pattern = (check as z.core.$ZodCheckRegexDef).pattern;
    else if (check.check === 'string_format') format ??= check.format;
  }
  const valid = validText(format, pattern, min, max);
  return leaf(valid, labelled(valid.chain((text) => hostileFormatted(format, text, max))), format === 'datetime' || format === 'date' ? WIDE : 1);
}

function validText(format: string | undefined, pattern: RegExp | undefined, min: number, max: number | undefined): fc.Arbitrary<string> {
  const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  switch (format) {
    case 'uuid':
    case 'guid':
      return fc.uuid();
    case 'email':
      return fc.tuple(WORD, WORD).map(([name, domain]) => `${name}@${domain}.test`);
    case 'url':
      return fc.tuple(WORD, WORD).map(([host, path]) => `https://${host}.example.test/${path}`);
    case 'datetime':
      return instant;
    case 'date':
      return instant.map((iso) => iso.slice(0, 10));
  }
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= (max ?? Infinity));
  const upper = Math.min(max ?? 24, Math.max(min, 24));
  return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 -'), minLength: min, maxLength: upper }).map((s) =>
    // A leading or trailing space would be trimmed below `min`; letters at both ends keep the length.
    s.length === 0 ? s : `a${s.slice(1, -1)}${s.length > 1 ? 'z' : ''}`,
  );
}

function numberNode(schema: Schema): Node {
  const bounds = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, minExcluded: false, maxExcluded: false };
  let step: number | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'greater_than') Object.assign(bounds, { min: Number(check.value), minExcluded: !check.inclusive });
    else if (check.check === 'less_than') Object.assign(bounds, { max: Number(check.value), maxExcluded: !check.inclusive });
    else if (check.check === 'multiple_of') step = Number(check.value);
    else if (check.check === 'number_format') {
      const [lo, hi] = z.core.util.NUMBER_FORMAT_RANGES[check.format];
      Object.assign(bounds, { min: Math.max(bounds.min, lo), max: Math.min(bounds.max, hi) });
      if (check.format !== 'float32' && check.format !== 'float64') step ??= 1;
    }
  }
  const { min, max, minExcluded, maxExcluded } = bounds;
  // Multiples of `step` as k * step, k within 32 bits (fast-check's integer range) and the bounds.
  const lowest = step && Math.max(-(2 ** 31), minExcluded ? Math.floor(min / step) + 1 : Math.ceil(min / step));
  const highest = step && Math.min(2 ** 31 - 1, maxExcluded ? Math.ceil(max / step) - 1 : Math.floor(max / step));
  const core = step ? fc.integer({ min: lowest!, max: highest! }).map((k) => k * step) : fc.double({ ...bounds, noNaN: true, noDefaultInfinity: true });
  const edges = step ? [lowest! * step, highest! * step] : [...(minExcluded ? [] : [min]), ...(maxExcluded ? [] : [max])];
  return leaf(
    edges.length ? fc.oneof({ weight: 4, arbitrary: core }, { weight: 1, arbitrary: fc.constantFrom(...edges) }) : core,
    labelled(hostileNumber(min, max)),
  );
}

function objectNode(shape: Record<string, Schema>, strict: boolean, hints: Hints): Node {
  const fields = Object.entries(shape).map(([key, schema]) => {
    const node = nodeOf(schema, hints);
    const hint = hints[key];
    return {
      key,
      optional: schema._zod.optin === 'optional',
      valid: !hint?.valid ? node.valid : hint.exclusive ? hint.valid : fc.oneof({ weight: 3, arbitrary: hint.valid }, { weight: 1, arbitrary: node.valid }),
      // A hint's forged values (hand-made cursors, forged tokens) are the field's likeliest to get through.
      hostile: hint?.hostile ? fc.oneof({ weight: 1, arbitrary: node.hostile }, { weight: 3, arbitrary: hint.hostile }) : node.hostile,
      leaves: node.leaves + (hint?.hostile ? 3 : 0),
    };
  });
  // JSON has no undefined: an optional field is left out, as a client over HTTP leaves it out.
  const valid = fc
    .record(Object.fromEntries(fields.map((f) => [f.key, f.valid])), { requiredKeys: fields.filter((f) => !f.optional).map((f) => f.key) })
    .map((v) => Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined)));
  const whole: fc.Arbitrary<Hostile> = fc.oneof(
    valid.map((v) => ({ value: { ...v, zzUnknownKey: 1 }, at: '', kind: strict ? 'unknown key (strict object)' : 'unknown key' })),
    valid.map((v) => ({ value: { ...v, ['__proto__']: { polluted: true } }, at: '', kind: 'own __proto__ key' })),
    wrongType,
  );
  const withUndefined = (keys: string[], kind: string): fc.Arbitrary<Hostile>[] =>
    keys.length ? [fc.tuple(valid, fc.constantFrom(...keys)).map(([v, key]) => ({ value: { ...v, [key]: undefined }, at: key, kind }))] : [];
  const missing = [
    ...withUndefined(fields.filter((f) => !f.optional).map((f) => f.key), 'required key missing'),
    // Only an in-process caller (a script, a test) can send a present key holding undefined.
    ...withUndefined(fields.filter((f) => f.optional).map((f) => f.key), 'optional key present as undefined (in-process callers only)'),
  ];
  return {
    valid,
    hostile: fc.oneof(
      ...fields.map((f) => ({
        weight: f.leaves,
        arbitrary: fc.tuple(valid, f.hostile).map(([v, h]) => ({ ...within(f.key)(h), value: { ...v, [f.key]: h.value } })),
      })),
      ...[whole, ...missing].map((arbitrary) => ({ weight: 1, arbitrary })),
    ),
    leaves: fields.reduce((sum, f) => sum + f.leaves, 0) + 1 + missing.length,
  };
}

function arrayNode(schema: Schema, element: Node): Node {
  let min = 0;
  let max: number | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') min = check.minimum;
    else if (check.check === 'max_length') max = check.maximum;
    else if (check.check === 'length_equals') min = max = check.length;
  }
  const valid = fc.array(element.valid, { minLength: min, maxLength: Math.min(max ?? 3, Math.max(min, 3)), ...depth });
  const tooLong = (count: number, kind: string) =>
    fc.array(element.valid, { minLength: 1, maxLength: 1 }).map(([item]): Hostile => ({ value: Array.from({ length: count }, () => item), at: '', kind }));
  return {
    valid,
    hostile: fc.oneof(
      { weight: element.leaves, arbitrary: fc.tuple(valid, element.hostile).map(([items, h]) => ({ ...within(items.length)(h), value: [...items, h.value] })) },
      { weight: 1, arbitrary: fc.oneof(...(max === undefined ? [] : [tooLong(max + 1, 'max items + 1')]), tooLong(10_000, '10,000 items'), wrongType) },
    ),
    leaves: element.leaves + 1,
  };
}

function tupleNode(items: Node[]): Node {
  const valid = fc.tuple(...items.map((n) => n.valid));
  return {
    valid,
    hostile: fc.oneof(
      ...items.map((item, i) => ({
        weight: item.leaves,
        arbitrary: fc.tuple(valid, item.hostile).map(([values, h]) => ({ ...within(i)(h), value: values.map((v, j) => (j === i ? h.value : v)) })),
      })),
      { weight: 1, arbitrary: wrongType },
    ),
    leaves: items.reduce((sum, n) => sum + n.leaves, 1),
  };
}

function recordNode(key: Node, value: Node): Node {
  const keys = key.valid as fc.Arbitrary<string>;
  const valid = fc.dictionary(keys, value.valid, { maxKeys: 4, ...depth });
  return {
    valid,
    hostile: fc.oneof(
      // Keys are random: every entry's value is at `*`, every hostile key at `(key)`.
      { weight: value.leaves, arbitrary: fc.tuple(valid, keys, value.hostile).map(([v, k, h]) => ({ ...within('*')(h), value: { ...v, [k]: h.value } })) },
      {
        weight: 1,
        arbitrary: fc.tuple(valid, labelled(keys.chain((k) => hostileText(k, undefined))), value.valid).map(([v, h, item]) => ({
          value: { ...v, [h.value as string]: item },
          at: '(key)',
          kind: `key: ${h.kind}`,
        })),
      },
      { weight: 1, arbitrary: labelled(hostileJson) },
    ),
    leaves: value.leaves + 2,
  };
}

function unionNode(options: Node[]): Node {
  return {
    valid: fc.oneof(depth, ...options.map((n) => n.valid)),
    hostile: fc.oneof(...options.map((n) => ({ weight: n.leaves, arbitrary: n.hostile }))),
    leaves: options.reduce((sum, n) => sum + n.leaves, 0),
  };
}
