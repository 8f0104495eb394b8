import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { appErrorCodes, type RestErrorBody } from '../contract/errors.js';
import { exportPaths } from '../modules/exports/openapi.js';
import { appRouter } from '../router.js';
import { examples } from './examples.js';
import { REST_BASE, restRoutes, routeErrors, type RestRoute } from './routes.js';

/** The body of every REST error: the message and the fields of tRPC's `error.data`. */
const restErrorSchema = z
  .object({
    message: z.string(),
    code: z.enum(appErrorCodes),
    httpStatus: z.number().int(),
    path: z.string().optional().meta({ description: 'the procedure, e.g. items.update' }),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional()
      .meta({ description: 'BAD_REQUEST: every invalid field with its path' }),
    field: z.string().optional().meta({ description: 'CONFLICT on a duplicate: the field that must be unique' }),
    available: z.number().int().optional().meta({ description: 'CONFLICT for missing stock: the units there are (of the first short item)' }),
    shortItems: z
      .array(z.object({ itemId: z.string(), requested: z.number().int(), available: z.number().int() }))
      .optional()
      .meta({ description: 'CONFLICT for missing stock: every short item, the units asked for and the units there are' }),
    retryAfter: z.number().int().optional().meta({ description: 'TOO_MANY_REQUESTS / SERVICE_UNAVAILABLE: seconds to wait' }),
    currentVersion: z.number().int().optional().meta({ description: 'CONFLICT on a stale expectedVersion: the version to reload' }),
  })
  .meta({ description: 'An error: the HTTP status is `httpStatus`; the fields are those of tRPC’s `error.data`.' }) satisfies z.ZodType<RestErrorBody>;

const DESCRIPTION = `Every procedure of the tRPC API (/trpc) at a REST route: the same access tokens, permissions,
validation and answers. GET takes its input in the query string (booleans as \`true\`/\`false\`, numbers
as digits, each field once); POST, PATCH and DELETE take a JSON body; \`{params}\` in a path are input
fields. Errors answer with their HTTP status and the body \`Error\`. Any route may also answer 503
SERVICE_UNAVAILABLE while the database is unavailable, or when a write kept colliding with concurrent
ones (retry after \`retryAfter\` seconds).`;

type Operation = {
  operationId?: string;
  description?: string;
  security?: unknown;
  parameters?: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown; example?: unknown }> }>;
};

let document: OpenAPIObject | undefined;

/**
 * The OpenAPI 3.1 document of /api/v1, built once by trpc-to-openapi (zod-openapi) from the
 * procedures' meta and schemas, then completed from the one source of each fact: security from
 * src/core/permissions.ts, error answers from `routeErrors`, examples from ./examples.ts.
 */
export function openApiDocument(): OpenAPIObject {
  document ??= buildDocument();
  return document;
}

function buildDocument(): OpenAPIObject {
  const built = generateOpenApiDocument(appRouter, {
    title: 'Omni-Stock API',
    version: packageJson.version,
    description: DESCRIPTION,
    baseUrl: REST_BASE,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token of auth.login or auth.register' } },
    defs: { Error: restErrorSchema },
  });
  for (const route of restRoutes) complete(route, built.paths![route.path]![route.method.toLowerCase() as 'get'] as Operation);
  // The CSV exports stream outside the router and outside /api/v1 (each path names its server).
  Object.assign(built.paths!, exportPaths());
  // trpc-to-openapi's own error schemas, replaced by Error above.
  for (const name of Object.keys(built.components!.schemas!)) if (name.startsWith('error.')) delete built.components!.schemas![name];
  return built;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function complete(route: RestRoute, operation: Operation) {
  operation.operationId = route.procedure;
  operation.description = [`tRPC: ${route.type} \`${route.procedure}\`. Who: ${who(route)}.`, route.meta.description].filter(Boolean).join('\n\n');
  if (route.access === 'public') delete operation.security;
  const success = operation.responses['200']!;
  operation.responses = { 200: success };
  for (const { status, code, when } of routeErrors(route)) operation.responses[status] = { description: `${code}: ${when}`, content: errorContent };
  operation.responses.default = {
    description: 'SERVICE_UNAVAILABLE (the database is unavailable, or a write kept colliding with concurrent ones: retryAfter) or INTERNAL_SERVER_ERROR',
    content: errorContent,
  };

  const example = examples[route.procedure];
  if (!example) return;
  const input = example.input as Record<string, unknown>;
  for (const parameter of operation.parameters ?? []) {
    if (input[parameter.name] !== undefined) parameter.example = input[parameter.name];
  }
  const bodyContent = operation.requestBody?.content['application/json'];
  if (bodyContent) bodyContent.example = Object.fromEntries(Object.entries(input).filter(([key]) => !route.pathParams.includes(key)));
  success.content!['application/json']!.example = example.output;
}

/** Who may call a route, in words: src/core/permissions.ts's access level. */
export function who(route: RestRoute): string {
  if (route.access === 'public') return 'anyone (no token)';
  if (route.access === 'authed') return 'any signed-in user';
  return { viewer: 'any member (viewer and up)', staff: 'staff and up', admin: 'admins and owners', owner: 'owners' }[route.access];
}
