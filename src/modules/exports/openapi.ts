import { z } from 'zod';
import { routeAccess } from '../../core/permissions.js';
import { exportItemsInput, exportSalesInput } from './contract.js';

interface JsonSchema {
  properties: Record<string, object>;
  required?: string[];
}

/** The routes outside the router, for the OpenAPI document and docs/api.md. */
export const exportRouteDocs = [
  {
    route: 'GET /exports/items.csv' as const,
    path: '/exports/items.csv',
    operationId: 'exports.items',
    summary: 'The items matching any items.list filter, as a CSV download (native or tcgplayer columns)',
    description: 'Every filter and the sort of items.list, without paging; the caller’s store scope applies. '
      + '`preset=native` (default) or `tcgplayer`. A `storeId` outside the stores the caller reads, or another vendor’s, answers 404. '
      + 'Streamed: the body is written as it is read from the database.',
    schema: exportItemsInput,
  },
  {
    route: 'GET /exports/sales.csv' as const,
    path: '/exports/sales.csv',
    operationId: 'exports.sales',
    summary: 'Sales of a period [from, to) as a CSV download: one row per sale line and per returned line',
    description: 'Amounts are signed (return rows negative); local time in the vendor’s time zone and the ISO instant; voided sales included and marked. '
      + 'Another vendor’s `storeId` answers 404.',
    schema: exportSalesInput,
  },
];

const errorContent = { 'application/json': { schema: { type: 'object', properties: { error: { $ref: '#/components/schemas/Error' } }, required: ['error'] } } };

/**
 * Their OpenAPI path items. They live outside /api/v1, so each path names its own server (`/`);
 * query parameters come from the same Zod schemas that validate them.
 */
export function exportPaths(): Record<string, object> {
  return Object.fromEntries(
    exportRouteDocs.map((doc) => {
      const schema = z.toJSONSchema(doc.schema, { io: 'input', unrepresentable: 'any' }) as unknown as JsonSchema;
      const access = routeAccess[doc.route];
      return [doc.path, {
        servers: [{ url: '/' }],
        get: {
          operationId: doc.operationId,
          summary: doc.summary,
          description: `${doc.description}\n\nWho: ${access === 'viewer' ? 'any member (viewer and up)' : 'admins and owners'}. Errors answer \`{ "error": Error }\`.`,
          tags: ['exports'],
          security: [{ bearer: [] }],
          parameters: Object.entries(schema.properties).map(([name, property]) => ({
            name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property,
          })),
          responses: {
            200: { description: 'The CSV file (`Content-Disposition: attachment`)', content: { 'text/csv': { schema: { type: 'string' } } } },
            400: { description: 'BAD_REQUEST: the query is invalid: every issue with its field path', content: errorContent },
            401: { description: 'UNAUTHORIZED: no access token, an invalid or expired one, or a disabled account', content: errorContent },
            403: { description: `FORBIDDEN: ${access === 'viewer' ? 'you are not an active member of a vendor' : 'your role is below admin, or you have no vendor'}`, content: errorContent },
            404: { description: 'NOT_FOUND: the storeId is not one of your vendor’s stores you can read', content: errorContent },
            default: { description: 'SERVICE_UNAVAILABLE (the database is unavailable) or INTERNAL_SERVER_ERROR', content: errorContent },
          },
        },
      }];
    }),
  );
}
