import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { appRouter } from '../../src/router.js';
import { resetDatabase } from '../support/app.js';
import { callerAs } from '../support/fixtures.js';
import { inputNode } from './arbitraries.js';
import type { Hostile } from './hostile.js';
import { buildWorld, type Role, type World } from './world.js';

/**
 * The fuzz tier: calls the procedures of `appRouter` in turn, in-process, as a random role, with
 * a valid input (two in five calls) or one hostile part in an otherwise valid one, and counts the
 * answers. The rule: no call answers INTERNAL_SERVER_ERROR. Call `i` of seed `s` is generated
 * from its procedure and fast-check seed `s + i` alone, so `--seed s --start i --calls 1
 * --procedure p` replays it (in a fresh world).
 */
export interface FuzzOptions {
  calls: number;
  seed: number;
  /** The index of the first call (to replay one call of a longer run). */
  start?: number;
  /** Only these procedures (every procedure of the router when absent). */
  procedures?: string[];
  /**
   * Calls change the world: who works where is put back after each successful mutation; for the
   * rest (passwords, archived stores, deleted items) the database is emptied and a fresh world
   * seeded every this many calls.
   */
  worldEvery?: number;
  onProgress?: (report: FuzzReport) => void;
}

export interface Failure {
  procedure: string;
  role: string;
  seed: number;
  call: number;
  input: unknown;
  at: string;
  kind: string;
  cause: string;
}

export interface ProcedureStats {
  calls: number;
  codes: Record<string, number>;
  failures: number;
}

export interface FuzzReport {
  calls: number;
  seconds: number;
  worldSeconds: number;
  worlds: number;
  staffingRestores: number;
  byProcedure: Record<string, ProcedureStats>;
  failures: Failure[];
}

// The router's flat table of procedures by path; each one's `_def.inputs` holds its `.input()` schemas.
const procedureTable = appRouter._def.procedures as unknown as Record<string, Parameters<typeof inputNode>[0] & { _def: { type: string } }>;

export const allProcedures = () => Object.keys(procedureTable);

// The fuzz's calls have an address of their own, so their rate-limit buckets are not the world's.
const FUZZ_IP = '127.0.0.2';

type Procedure = (input: unknown) => Promise<unknown>;
const procedureOf = (caller: unknown, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Procedure;

// Staff, admins and owners get most calls: they reach furthest into the services. One call in 11 has a forged token.
const roleWeights: Record<Role, number> = { anonymous: 1, 'no vendor': 1, viewer: 1, staff: 2, admin: 2, owner: 3 };
const roleArbitrary = fc.oneof(...Object.entries(roleWeights).map(([role, weight]) => ({ weight, arbitrary: fc.constant(role as Role) })));

/** What one call sends: who, with which token, and the input (valid, or with one hostile part). */
function planArbitrary(path: string, world: World) {
  const node = inputNode(procedureTable[path]!, world.hints);
  const valid = node.valid.map((value): Hostile => ({ value, at: '', kind: 'valid input' }));
  const input = fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: node.hostile });
  // A forged token is the one hostile part of its call: the input is valid.
  const forged = fc.tuple(world.forgedAccessTokens, valid).map(([[kind, token], { value }]) => ({ role: 'forged token', token, input: { value, at: '(access token)', kind } }));
  const genuine = fc.tuple(roleArbitrary, input).map(([role, input]) => ({ role: role as string, token: world.tokens[role], input }));
  return fc.oneof({ weight: 1, arbitrary: forged }, { weight: 10, arbitrary: genuine });
}

/** The database's or runtime's own words, without the SQL they came with. */
function causeOf(error: unknown): string {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (!(cause instanceof Error)) return String(cause);
  const message = cause.message.split('\n')[0]!;
  // MikroORM prefixes the database's message with the statement: "insert into ... - <message>".
  return `${cause.name}: ${message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message}`;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const paths = options.procedures ?? allProcedures();
  const start = options.start ?? 0;
  const worldEvery = options.worldEvery ?? 500;
  const report: FuzzReport = { calls: 0, seconds: 0, worldSeconds: 0, worlds: 0, staffingRestores: 0, byProcedure: {}, failures: [] };
  const began = performance.now();
  let world: World | undefined;
  let plans = new Map<string, ReturnType<typeof planArbitrary>>();

  for (let call = start; call < start + options.calls; call++) {
    if (!world || (call - start) % worldEvery === 0) {
      const building = performance.now();
      await resetDatabase();
      world = await buildWorld();
      plans = new Map();
      report.worlds++;
      report.worldSeconds += (performance.now() - building) / 1000;
    }
    const path = paths[call % paths.length]!;
    if (!plans.has(path)) plans.set(path, planArbitrary(path, world));
    const { role, token, input } = fc.sample(plans.get(path)!, { seed: options.seed + call, numRuns: 1 })[0]!;

    let code = 'ok';
    let error: unknown;
    try {
      await procedureOf(callerAs(token, FUZZ_IP), path)(input.value);
    } catch (caught) {
      error = caught;
      code = caught instanceof TRPCError ? caught.code : 'THROWN';
    }

    const stats = (report.byProcedure[path] ??= { calls: 0, codes: {}, failures: 0 });
    stats.calls++;
    stats.codes[code] = (stats.codes[code] ?? 0) + 1;
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'THROWN') {
      stats.failures++;
      report.failures.push({
        procedure: path,
        role,
        seed: options.seed,
        call,
        input: input.value,
        at: input.at,
        kind: input.kind,
        cause: causeOf(error),
      });
    }
    if (code === 'ok' && procedureTable[path]!._def.type === 'mutation' && (await world.restoreStaffing())) report.staffingRestores++;
    report.calls++;
    report.seconds = (performance.now() - began) / 1000;
    if (report.calls % 1000 === 0) options.onProgress?.(report);
  }
  return report;
}

/**
 * Failures with one cause: the same kind of hostile input and the same error (quoted values and
 * long numbers folded), with every place (procedure and field) it was seen at.
 */
export interface FailureGroup {
  kind: string;
  cause: string;
  count: number;
  places: string[];
  example: Failure;
}

export function groupFailures(failures: Failure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const cause = failure.cause.replace(/"[^"]*"/g, '"…"').replace(/\d{4,}/g, 'N');
    const place = `${failure.procedure} ${failure.at.replace(/\[\d+\]/g, '[]') || '(input)'}`;
    const key = `${failure.kind}\n${cause}`;
    const group = groups.get(key) ?? { kind: failure.kind, cause, count: 0, places: [], example: failure };
    groups.set(key, group);
    group.count++;
    if (!group.places.includes(place)) group.places.push(place);
  }
  return [...groups.values()].sort((a, b) => a.cause.localeCompare(b.cause) || a.kind.localeCompare(b.kind));
}

/** A group as text: the cause, where it was seen, and one reproducing call with its input. */
export function describeGroup({ kind, cause, count, places, example }: FailureGroup): string {
  return [
    `${kind} → ${cause}  (${count} calls)`,
    `    at: ${places.sort().join(', ')}`,
    `    e.g. ${example.procedure} as ${example.role}: npm run fuzz -- --seed ${example.seed} --start ${example.call} --calls 1 --procedure ${example.procedure}`,
    `    input: ${preview(example.input)}`,
  ].join('\n');
}

/**
 * A JavaScript-literal view of an input, cut to a readable size: long strings and collections are
 * shortened with their real length, nesting past 6 levels is elided (inputs can be 100,000 deep).
 */
export function preview(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value.length > 80 ? `${JSON.stringify(value.slice(0, 40))}…(${value.length} chars)` : JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `new Date(${JSON.stringify(Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString())})`;
  if (value === null || typeof value !== 'object') return String(value);
  if (depth >= 6) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((v) => preview(v, depth + 1));
    return `[${items.join(', ')}${value.length > 5 ? `, …(${value.length} items)` : ''}]`;
  }
  const entries = Object.entries(value);
  const shown = entries.slice(0, 12).map(([k, v]) => `${JSON.stringify(k)}: ${preview(v, depth + 1)}`);
  return `{ ${shown.join(', ')}${entries.length > 12 ? `, …(${entries.length} keys)` : ''} }`;
}

/** One line per procedure: calls, the codes it answered, failures. */
export function summaryTable(report: FuzzReport): string {
  const rows = Object.entries(report.byProcedure).map(([path, s]) => {
    const codes = Object.entries(s.codes)
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    return `${path.padEnd(28)} ${String(s.calls).padStart(6)}  ${String(s.failures).padStart(5)}  ${codes}`;
  });
  return [`${'procedure'.padEnd(28)} ${'calls'.padStart(6)}  ${'fails'.padStart(5)}  codes`, ...rows].join('\n');
}
