import { expect } from 'chai';
import type { z } from 'zod';
import { openApiDocument } from '../../src/rest/openapi.js';
import { restRoutes } from '../../src/rest/routes.js';
import { appRouter } from '../../src/router.js';

type Schema = z.core.$ZodType;
type Def = { type: string; innerType?: Schema; in?: Schema; out?: Schema; shape?: Record<string, Schema>; options?: Schema[] };
const defOf = (schema: Schema) => schema._zod.def as unknown as Def;

/** The schemas a value ends in, through optional, default and nullable wrappers, pipes (preprocess) and unions. */
function leaves(schema: Schema): Schema[] {
  const def = defOf(schema);
  if (def.innerType) return leaves(def.innerType);
  if (def.type === 'pipe') return [...leaves(def.in!), ...leaves(def.out!)];
  if (def.type === 'union') return def.options!.flatMap(leaves);
  return [schema];
}

/** Every field of an input object, nested objects walked, with its path. */
function fields(schema: Schema, path: string[] = []): [string, Schema][] {
  const object = leaves(schema).find((leaf) => defOf(leaf).type === 'object');
  if (!object) return path.length ? [[path.join('.'), schema]] : [];
  return Object.entries(defOf(object).shape!).flatMap(([key, field]) => fields(field, [...path, key]));
}

const typesOf = (field: Schema) => leaves(field).map((leaf) => defOf(leaf).type);

function parsed(field: Schema, value: unknown) {
  const result = (field as z.ZodType).safeParse(value);
  return result.success ? { success: true, data: result.data } : { success: false };
}

describe('GET inputs over REST', () => {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: Schema[] } }>;
  const queryFields = restRoutes
    .filter((route) => route.method === 'GET')
    .flatMap((route) =>
      procedures[route.procedure]!._def.inputs.flatMap((input) => fields(input)).map(([name, field]) => ({ route, name, at: `${route.procedure} ${name}`, field })),
    );

  // A query string holds only text, and REST hands it to the same schema /trpc uses: each number and
  // boolean must take its exact text form and its JSON value, and refuse what coercion would accept.
  it('read every number from its digits and every boolean from true/false (the fragments of src/contract/query.ts)', () => {
    const numbers = queryFields.filter(({ field }) => typesOf(field).includes('number'));
    const booleans = queryFields.filter(({ field }) => typesOf(field).includes('boolean'));
    expect(numbers.map((f) => f.at)).to.include.members(['reports.slowMovers days', 'reports.topSellers limit', 'items.list limit']);
    expect(booleans.map((f) => f.at)).to.include.members(['items.list inStock', 'stores.list includeArchived']);
    for (const { at, field } of numbers) {
      const number = leaves(field).find((leaf) => defOf(leaf).type === 'number') as z.ZodNumber;
      const valid = number.minValue ?? 1;
      expect(parsed(field, String(valid)), `${at} as text`).to.deep.equal({ success: true, data: valid });
      expect(parsed(field, valid), `${at} as JSON`).to.deep.equal({ success: true, data: valid });
      for (const loose of ['', ` ${valid}`]) expect(parsed(field, loose).success, `${at} "${loose}"`).to.equal(false);
    }
    for (const { at, field } of booleans) {
      for (const value of [true, false]) {
        expect(parsed(field, String(value)), `${at} ${value} as text`).to.deep.equal({ success: true, data: value });
        expect(parsed(field, value), `${at} ${value} as JSON`).to.deep.equal({ success: true, data: value });
      }
      for (const loose of ['', '0']) expect(parsed(field, loose).success, `${at} "${loose}"`).to.equal(false);
    }
  });

  it('are documented as their schemas take them: required when an absent field is refused, else with the default it gets', () => {
    type Parameter = { name: string; required?: boolean; schema: { default?: unknown } };
    const parametersOf = (path: string) => (openApiDocument().paths![path] as { get: { parameters?: Parameter[] } }).get.parameters ?? [];
    for (const { route, name, at, field } of queryFields) {
      const parameter = parametersOf(route.path).find((p) => p.name === name)!;
      const absent = parsed(field, undefined);
      expect(parameter.required ?? false, `${at} required`).to.equal(!absent.success);
      expect(parameter.schema.default, `${at} default`).to.deep.equal(absent.success ? absent.data : undefined);
    }
    expect(parametersOf('/reports/slow-movers').find((p) => p.name === 'days')).to.include({ required: true });
  });
});
