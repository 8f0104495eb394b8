import { initTRPC } from '@trpc/server';
import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { appRouter } from '../../src/router.js';
import { inputNode, nodeOf } from './arbitraries.js';
import { preview } from './runner.js';
import { fixedHints } from './world.js';

type Parser = { safeParse: (value: unknown) => { success: boolean } };
type Procedure = { _def: { inputs: Parser[] } };

const RUNS = 200;

/** The share of `RUNS` valid samples the procedure's own input schemas accept (all of them, as tRPC parses each). */
function acceptedShare(procedure: Procedure, hints = fixedHints): number {
  const samples = fc.sample(inputNode(procedure, hints).valid, { seed: 7, numRuns: RUNS });
  return samples.filter((sample) => procedure._def.inputs.every((input) => input.safeParse(sample).success)).length / RUNS;
}

describe('fuzz arbitraries from Zod schemas', () => {
  it('derive valid inputs that every procedure of the router accepts (at least 9 in 10)', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
    const weak = Object.entries(procedures)
      .map(([path, procedure]) => [path, acceptedShare(procedure)] as const)
      .filter(([, share]) => share < 0.9);
    expect(weak, 'procedures whose generated valid inputs fail their own schema').to.deep.equal([]);
  });

  it('follow .default(), .optional(), chained .input() and ignore .output()', () => {
    const t = initTRPC.create();
    const input = z.object({ limit: z.number().int().min(1).max(5).default(2), tags: z.array(z.string().max(3)).max(2) });
    const router = t.router({
      defaulted: t.procedure.input(input.default({ limit: 2, tags: [] })).output(z.object({ ok: z.literal(true) })).query(() => ({ ok: true as const })),
      optional: t.procedure.input(input.optional()).output(z.string()).query(() => 'ok'),
      chained: t.procedure.input(z.object({ id: z.uuid() })).input(z.object({ at: z.iso.datetime() })).query(() => 'ok'),
    });
    const procedures = router._def.procedures as unknown as Record<string, Procedure>;
    for (const [path, procedure] of Object.entries(procedures)) expect(acceptedShare(procedure, {}), path).to.equal(1);
    const merged = fc.sample(inputNode(procedures.chained!).valid, { seed: 1, numRuns: 20 }) as Record<string, unknown>[];
    expect(merged.every((value) => 'id' in value && 'at' in value), 'chained inputs merge').to.equal(true);
  });

  it('generate valid values for formats, pipes, unions, records, tuples and recursive JSON', () => {
    const schemas = {
      formats: z.object({ email: z.email(), url: z.url(), date: z.iso.date(), at: z.iso.datetime({ offset: true }), id: z.uuid() }).strict(),
      money: z.string().trim().regex(/^\d{1,4}(\.\d{2})?$/).transform(Number),
      preprocessed: z.preprocess((v) => v, z.number().int().min(0).max(9)),
      bounded: z.object({ step: z.number().min(0).max(10).multipleOf(0.5), above: z.number().gt(1).lt(2) }),
      union: z.union([z.object({ token: z.string().min(1) }).strict(), z.object({ id: z.uuid() }).strict()]),
      discriminated: z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), a: z.boolean() }), z.object({ kind: z.literal('b'), b: z.null() })]),
      required: z.object({ name: z.string().optional(), note: z.string().nullable().optional() }).required({ name: true }),
      record: z.record(z.string().min(1).max(5), z.union([z.string(), z.number()])),
      tuple: z.tuple([z.enum(['x', 'y']), z.number().int()]),
      json: z.object({ data: z.json() }),
    };
    for (const [name, schema] of Object.entries(schemas)) {
      const samples = fc.sample(nodeOf(schema).valid, { seed: 3, numRuns: RUNS });
      const rejected = samples.find((sample) => !schema.safeParse(sample).success);
      expect(rejected === undefined ? undefined : preview(rejected), name).to.equal(undefined);
    }
  });

  it('label each hostile input with the path and kind of its one hostile part', () => {
    const schema = z.object({ name: z.string().max(10), card: z.object({ seenAt: z.iso.datetime() }).optional(), tags: z.array(z.string()) });
    const samples = fc.sample(nodeOf(schema).hostile, { seed: 11, numRuns: 500 });
    const at = new Set(samples.map((s) => s.at));
    expect([...at]).to.include.members(['', 'name', 'card.seenAt', 'tags']);
    expect(samples.some((s) => s.at === 'name' && s.kind === 'NUL character' && String((s.value as { name: string }).name).includes('\u0000'))).to.equal(true);
    expect(samples.some((s) => s.at === 'card.seenAt' && s.kind === 'year 0000')).to.equal(true);
    expect(samples.some((s) => /^tags\[\d\]$/.test(s.at))).to.equal(true);
  });

  it('are reproducible from the seed', () => {
    const node = inputNode((appRouter._def.procedures as unknown as Record<string, Procedure>)['items.create']!, fixedHints);
    const draw = () => fc.sample(node.hostile, { seed: 42, numRuns: 50 }).map((h) => `${h.at} ${h.kind} ${preview(h.value)}`);
    expect(draw()).to.deep.equal(draw());
  });

  it('name the Zod type they cannot generate', () => {
    expect(() => nodeOf(z.map(z.string(), z.number()))).to.throw('no arbitrary for Zod type "map"');
  });
});
