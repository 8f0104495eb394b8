import { callTRPCProcedure, TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../core/errors.js';
import { appRouter } from '../router.js';
import type { AppServices } from '../services.js';
import { createRequestContext, httpRequestInfo } from './context.js';

type Procedures = Record<string, { _def: { type: string } } | undefined>;
const procedures = appRouter._def.procedures as unknown as Procedures;

/**
 * `GET /trpc/<query>?input=…`, one call (no batch, no streaming), answered through tRPC's own
 * procedure call (the one its adapter makes), so the same middlewares, parsers and error formatter
 * run, with the same answer tRPC's HTTP adapter gives: `{"result":{"data":…}}` or
 * `{"error":<shape>}` with its status. The adapter
 * turns every request into a fetch `Request` and writes every answer through a web stream (head,
 * body and end apart); for items.get that was a fifth of the server's CPU. Anything else (batches,
 * mutations, an unknown path, input that is not JSON) goes on to the adapter.
 */
export function fastQueries(services: AppServices): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.method === 'GET' ? req.path.slice(1) : '';
    if (procedures[path]?._def.type !== 'query' || req.get('trpc-accept') !== undefined) return next();
    const query = req.query;
    if ('batch' in query) return next();
    const raw = query.input;
    let input: unknown;
    if (raw !== undefined) {
      if (typeof raw !== 'string') return next();
      try {
        input = JSON.parse(raw);
      } catch {
        return next();
      }
    }
    const ctx = { request: createRequestContext(services, httpRequestInfo(req, res)) };
    callTRPCProcedure({ router: appRouter, path, type: 'query', ctx, getRawInput: async () => input, signal: undefined, batchIndex: 0 }).then(
      (data) => send(res, 200, { result: { data } }),
      (cause: unknown) => {
        const error = cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
        const shape = getErrorShape({ config: appRouter._def._config, error, type: 'query', path, input, ctx: undefined }) as { data: { httpStatus: number } };
        for (const [name, value] of Object.entries(retryAfterHeader([error]))) res.setHeader(name, value);
        send(res, shape.data.httpStatus, { error: shape });
      },
    );
  };
}

/** One write: head and body together, as tRPC's adapter labels them. */
function send(res: Response, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('vary', 'trpc-accept, accept');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** A rate-limited answer tells HTTP clients when to retry, as `data.retryAfter` does for tRPC clients. */
export function retryAfterHeader(errors: TRPCError[]): Record<string, string> {
  const limited = errors.find((e) => e.cause instanceof AppError && typeof e.cause.data.retryAfter === 'number');
  return limited ? { 'Retry-After': String((limited.cause as AppError).data.retryAfter) } : {};
}
