import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppErrorShape, RestErrorBody, ValidationIssue } from '../contract/errors.js';
import { invalidInput } from '../core/errors.js';
import { appRouter } from '../router.js';
import type { AppServices } from '../services.js';
import { createRequestContext, httpRequestInfo } from '../trpc/context.js';
import { openApiDocument } from './openapi.js';
import { restRoutes, type RestRoute } from './routes.js';

/**
 * /api/v1: every procedure at the route its meta declares (src/rest/routes.ts), called through the
 * router as /trpc calls it, so tokens, permissions, validation and answers are the same. The input
 * is the query string (GET) or the JSON body, plus the path's {params}. Query values stay text:
 * the contracts read them with the query fragments of src/contract/query.ts. An error answers
 * with its status and `{ message, ...data }`, the message and `error.data` a tRPC client gets.
 *
 * trpc-to-openapi builds the document (src/rest/openapi.ts) but does not serve the calls: its
 * handler switches on Zod coercion in every schema it serves, which then holds for /trpc too
 * (`"false"` → true, `null` → 0), drops empty query values (`limit=` would be the default) and
 * skips JSON bodies whose content type names a charset.
 */
export function restApi(services: AppServices): express.Router {
  const api = express.Router();
  const json = express.json({ limit: services.config.bodyLimitBytes });
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  for (const route of restRoutes) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const handle = (req: Request, res: Response) => call(services, route, req, res);
    // A body that is not JSON or too large is the route's error, with its path, as over /trpc.
    const body = (req: Request, res: Response, next: NextFunction) =>
      json(req, res, (error?: unknown) => (error ? sendError(res, asTRPCError(services, res, error), route) : next()));
    api[method](route.path.replace(/\{(\w+)\}/g, ':$1'), ...(route.method === 'GET' ? [handle] : [body, handle]));
  }
  api.use((req) => {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No route ${req.method} ${req.baseUrl}${req.path}` });
  });
  // Errors before a route is found: an unknown route, a bad %-escape.
  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(res, asTRPCError(services, res, error));
  });
  return api;
}

async function call(services: AppServices, route: RestRoute, req: Request, res: Response) {
  try {
    const input = route.hasInput ? { ...(route.method === 'GET' ? queryFields(req) : bodyFields(req)), ...req.params } : undefined;
    // A login or registration whose client has gone leaves the bcrypt queue unrun, as over /trpc.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const caller = appRouter.createCaller({ request: createRequestContext(services, httpRequestInfo(req, res)) }, { signal: gone.signal });
    const procedure = route.procedure.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    res.json(await (procedure as (input: unknown) => Promise<unknown>)(input));
  } catch (error) {
    sendError(res, asTRPCError(services, res, error), route);
  }
}

/** The query string as text fields; a field given twice is refused, since a procedure takes one value. */
export function queryFields(req: Request): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  const repeated: ValidationIssue[] = [];
  const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  for (const [key, value] of new URLSearchParams(search)) {
    if (!(key in fields)) fields[key] = value;
    else if (!repeated.some((issue) => issue.path[0] === key)) repeated.push({ path: [key], message: 'must be given once' });
  }
  if (repeated.length) throw new TRPCError({ code: 'BAD_REQUEST', cause: invalidInput(repeated) });
  return fields;
}

function bodyFields(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined) {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody) throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json' });
    return {};
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TRPCError({ code: 'BAD_REQUEST', cause: invalidInput([{ path: [], message: 'the body must be a JSON object' }]) });
  }
  return body as Record<string, unknown>;
}

/**
 * Errors of Express and its JSON parser carry their HTTP status (a body over the limit gets its
 * message from the error formatter, as over /trpc); anything else is unexpected (and logged).
 */
function asTRPCError(services: AppServices, res: Response, error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) return new TRPCError({ code: 'PAYLOAD_TOO_LARGE' });
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new TRPCError({ code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'PARSE_ERROR', message: (error as Error).message });
  }
  services.log.error({ err: error, requestId: res.locals.requestId }, 'unexpected error');
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
}

/**
 * The error as the router's error formatter shapes it for tRPC clients, as REST's body: the
 * message and the fields of `error.data`, `httpStatus` among them. Also the body of the HTTP
 * routes outside the router (the CSV exports), so every route maps codes to statuses alike.
 */
export function restErrorBody(error: TRPCError, route?: Pick<RestRoute, 'type' | 'procedure'>): RestErrorBody {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: route?.type ?? 'unknown',
    path: route?.procedure,
    input: undefined,
    ctx: undefined,
  }) as AppErrorShape;
  return { message: shape.message, ...shape.data };
}

function sendError(res: Response, error: TRPCError, route?: RestRoute) {
  const body = restErrorBody(error, route);
  if (body.retryAfter !== undefined) res.setHeader('Retry-After', String(body.retryAfter));
  res.status(body.httpStatus).json(body);
}
