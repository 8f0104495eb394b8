import { forEachOpenApiProcedure } from 'trpc-to-openapi';
import type { AppErrorCode } from '../contract/errors.js';
import type { ProcedureMeta } from '../contract/meta.js';
import { accessOf, type Access } from '../core/permissions.js';
import { appRouter } from '../router.js';

type OpenApi = NonNullable<ProcedureMeta['openapi']>;

/** One REST route of /api/v1: a procedure of the router at the method and path its meta declares. */
export interface RestRoute {
  /** The procedure's tRPC path, e.g. `items.adjustStock`. */
  procedure: string;
  type: 'query' | 'mutation';
  method: OpenApi['method'];
  /** Relative to /api/v1, with `{param}`s that are input fields: `/items/{id}/stock-adjustments`. */
  path: `/${string}`;
  pathParams: string[];
  hasInput: boolean;
  access: Access;
  meta: OpenApi;
}

/** Every REST route, in the router's order (trpc-to-openapi reads the same meta for the document). */
export const restRoutes: readonly RestRoute[] = (() => {
  const routes: RestRoute[] = [];
  forEachOpenApiProcedure(appRouter._def.procedures, ({ path, type, procedure, meta }) => {
    const openapi = meta.openapi as OpenApi;
    const access = accessOf(path);
    if (!access) throw new Error(`${path} has a REST route but no entry in src/core/permissions.ts`);
    routes.push({
      procedure: path,
      type: type as RestRoute['type'],
      method: openapi.method,
      path: openapi.path,
      pathParams: [...openapi.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!),
      hasInput: procedure._def.inputs.length > 0,
      access,
      meta: openapi,
    });
  });
  return routes;
})();

export const REST_BASE = '/api/v1';

/** The error statuses a route documents, with their code. */
export const errorCodes = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<number, AppErrorCode>;
export type ErrorStatus = keyof typeof errorCodes;

export interface RouteError {
  status: ErrorStatus;
  code: AppErrorCode;
  /** When it is answered. */
  when: string;
}

/**
 * The errors a route answers, by status: BAD_REQUEST when it takes an input, UNAUTHORIZED and
 * FORBIDDEN from its access level, then what its meta declares (which may also say more about those).
 * Any route may also answer SERVICE_UNAVAILABLE while the database is down or a write kept colliding
 * with concurrent ones, and INTERNAL_SERVER_ERROR.
 */
export function routeErrors(route: RestRoute): RouteError[] {
  const when: Partial<Record<ErrorStatus, string>> = {};
  if (route.hasInput) when[400] = 'the input is invalid: every issue with its field path';
  if (route.access !== 'public') when[401] = 'no access token, an invalid or expired one, or a disabled account';
  if (route.access !== 'public' && route.access !== 'authed') {
    when[403] = route.access === 'viewer' ? 'you are not an active member of a vendor' : `your role is below ${route.access}, or you have no vendor`;
  }
  Object.assign(when, route.meta.errorResponses);
  return Object.entries(when)
    .map(([status, text]) => ({ status: Number(status) as ErrorStatus, code: errorCodes[Number(status) as ErrorStatus], when: text }))
    .sort((a, b) => a.status - b.status);
}
