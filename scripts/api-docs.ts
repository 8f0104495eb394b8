// npm run docs:api
// docs/api.md, the API reference, generated from the router through its OpenAPI document: every
// procedure with its tRPC path, REST route, who may call it, input, output and errors.
// test/rest/openapi.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportRouteDocs } from '../src/modules/exports/openapi.js';
import { openApiDocument, who } from '../src/rest/openapi.js';
import { REST_BASE, restRoutes, routeErrors, type RestRoute } from '../src/rest/routes.js';

export const API_DOC = 'docs/api.md';

interface Schema {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  summary: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

// z.number().int() states JavaScript's safe-integer bounds: no bound worth printing.
const bound = (value: number | undefined) => (value === undefined || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value);

const range = (low: number | undefined, high: number | undefined, unit = '') => {
  const [min, max] = [bound(low), bound(high)];
  return min !== undefined && max !== undefined ? ` ${min}–${max}${unit}` : min !== undefined ? ` ≥ ${min}${unit}` : max !== undefined ? ` ≤ ${max}${unit}` : '';
};

/** A JSON Schema as a short TypeScript-like type, with its bounds. */
function typeText(schema: Schema): string {
  if (schema.$ref) return schema.$ref.split('/').pop()!;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(typeText).join(' \\| ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (!types.length) return 'unknown';
  return types.map((type) => single(type, schema)).join(' \\| ');
}

function single(type: string, schema: Schema): string {
  switch (type) {
    case 'string':
      if (schema.format) return schema.format;
      return `string${range(schema.minLength, schema.maxLength, ' chars')}${schema.pattern ? ` matching ${schema.pattern}` : ''}`;
    case 'integer':
    case 'number':
      return `${type}${range(schema.minimum, schema.maximum)}`;
    case 'array': {
      const item = typeText(schema.items ?? {});
      return `${item.includes(' ') ? `(${item})` : item}[]${schema.maxItems !== undefined ? ` (at most ${schema.maxItems})` : ''}`;
    }
    case 'object': {
      if (schema.properties) {
        const fields = Object.entries(schema.properties).map(([name, field]) => `${name}${schema.required?.includes(name) ? '' : '?'}: ${typeText(field)}`);
        return `{ ${fields.join('; ')} }`;
      }
      const values = schema.additionalProperties;
      return `Record<string, ${typeof values === 'object' && Object.keys(values).length ? typeText(values) : 'unknown'}>`;
    }
    default:
      return type;
  }
}

const fieldRow = (name: string, place: string, schema: Schema, required: boolean) =>
  `| \`${name}\` | ${place} | \`${typeText(schema)}\`${schema.default !== undefined ? ` (default ${JSON.stringify(schema.default)})` : ''} | ${required ? 'yes' : ''} |`;

function inputSection(operation: Pick<Operation, 'parameters' | 'requestBody'>): string[] {
  const rows = (operation.parameters ?? []).map((p) => fieldRow(p.name, p.in, p.schema, p.required ?? false));
  const body = operation.requestBody?.content['application/json']?.schema;
  for (const [name, field] of Object.entries(body?.properties ?? {})) rows.push(fieldRow(name, 'body', field, body!.required?.includes(name) ?? false));
  if (!rows.length) return ['Input: none.'];
  return ['| Input | In | Type | Required |', '| --- | --- | --- | --- |', ...rows];
}

function procedureSection(route: RestRoute, operation: Operation): string[] {
  const output = operation.responses['200']!.content!['application/json']!.schema;
  return [
    `### \`${route.procedure}\``,
    '',
    `${operation.summary}.`,
    '',
    `- tRPC: ${route.type} \`${route.procedure}\``,
    `- REST: \`${route.method} ${REST_BASE}${route.path}\``,
    `- Who: ${who(route)}`,
    '',
    ...inputSection(operation),
    '',
    `Output: \`${typeText(output).replaceAll('\\|', '|')}\``,
    '',
    '| Error | Code | When |',
    '| --- | --- | --- |',
    ...routeErrors(route).map((e) => `| ${e.status} | \`${e.code}\` | ${e.when} |`),
  ];
}

interface ExportOperation extends Omit<Operation, 'responses'> {
  description: string;
  responses: Record<string, { description: string }>;
}

/** A CSV export (outside the router and /api/v1), from its OpenAPI path item. */
function exportSection(doc: (typeof exportRouteDocs)[number], operation: ExportOperation): string[] {
  return [
    `### \`${doc.route}\``,
    '',
    `${doc.summary}.`,
    '',
    operation.description,
    '',
    ...inputSection(operation),
    '',
    'Output: a `text/csv; charset=utf-8` attachment (see the README’s Exports section for the columns).',
    '',
    '| Error | When |',
    '| --- | --- |',
    ...Object.entries(operation.responses).filter(([status]) => /^\d+$/.test(status) && status !== '200').map(([status, r]) => `| ${status} | ${r.description} |`),
  ];
}

function schemaSection(name: string, schema: Schema): string[] {
  const rows = Object.entries(schema.properties ?? {}).map(
    ([field, type]) => `| \`${field}\` | \`${typeText(type)}\` | ${schema.required?.includes(field) ? 'yes' : ''} | ${type.description ?? ''} |`,
  );
  return [`### ${name}`, '', ...(schema.description ? [schema.description, ''] : []), '| Field | Type | Always | |', '| --- | --- | --- | --- |', ...rows];
}

/** The reference as Markdown. */
export function apiReference(): string {
  const document = openApiDocument();
  const operationOf = (route: RestRoute) => (document.paths![route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;
  const tags = [...new Set(restRoutes.map((r) => r.meta.tags[0]!))];
  const schemas = document.components!.schemas as Record<string, Schema>;
  return [
    '# Omni-Stock API reference',
    '',
    '<!-- Generated by `npm run docs:api` from the router (src/rest/openapi.ts); do not edit by hand. -->',
    '',
    'Every procedure is served twice, with the same access tokens, permissions, validation and answers:',
    '',
    '- **tRPC** at `/trpc/<procedure>`: queries are GET with `?input=<url-encoded JSON>`, mutations POST with a JSON body;',
    '  errors are `{ error: { message, code, data } }` with the fields below in `data`.',
    `- **REST** at \`${REST_BASE}\`: GET takes its input in the query string (booleans \`true\`/\`false\`, numbers as digits,`,
    '  each field once), POST, PATCH and DELETE a JSON body; `{params}` in a path are input fields. Errors answer with',
    '  their HTTP status and the body `Error` (the message and the same fields as tRPC’s `error.data`).',
    '',
    'Authenticated calls send `Authorization: Bearer <access token>`. Who may call what is the permission matrix in',
    'the README at the root of this repository ("Permission matrix"). Besides the errors listed, any call may answer 503',
    '`SERVICE_UNAVAILABLE` while the database is unavailable or when a write kept colliding with concurrent ones',
    '(`retryAfter` seconds), and 500 `INTERNAL_SERVER_ERROR` for anything unexpected.',
    `The OpenAPI 3.1 document is served at \`${REST_BASE}/openapi.json\`, and browsable at \`/api/docs\`.`,
    '',
    ...tags.flatMap((tag) => [
      `## ${tag}`,
      '',
      ...restRoutes.filter((r) => r.meta.tags[0] === tag).flatMap((route) => [...procedureSection(route, operationOf(route)), '']),
    ]),
    '## exports',
    '',
    'CSV downloads, streamed, outside the router (at the server’s root, not under /api/v1), with the same tokens, roles,',
    'validation and error statuses; errors answer `{ "error": Error }`.',
    '',
    ...exportRouteDocs.flatMap((doc) => [...exportSection(doc, (document.paths![doc.path] as { get: ExportOperation }).get), '']),
    '## Schemas',
    '',
    ...Object.entries(schemas).flatMap(([name, schema]) => [...schemaSection(name, schema), '']),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_DOC, apiReference());
  console.log(`wrote ${API_DOC}`);
}
