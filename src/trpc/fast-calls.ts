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
 * One call of `GET /trpc/<query>?input=…` or `POST /trpc/<mutation>` with a JSON body (no batch,
 * no streaming), answered through tRPC's own procedure call (the one its adapter makes), so the
 * same middlewares, parsers and error formatter run, with the same answer tRPC's HTTP adapter
 * gives: `{"result":{"data":…}}` or `{"error":<shape>}` with its status. The adapter turns every
 * request into a fetch `Request` and writes every answer through a web stream (head, body and
 * end apart); for items.get that was a fifth of the server's CPU. As in the adapter, a mutation's
 * body is read as it arrives, up to the body limit, and refused (too large, not JSON) only when the
 * procedure asks for its input (after the caller's checks); its signal aborts when the client goes away. Anything else (batches, a query's input
 * that is not JSON, another content type, a wrong method, an unknown path) goes on to the adapter.
 */
export function fastCalls(services: AppServices): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path.slice(1);
    const type = procedures[path]?._def.type;
    const method = type === 'query' ? 'GET' : type === 'mutation' ? 'POST' : undefined;
    if (req.method !== method || req.get('trpc-accept') !== undefined || 'batch' in req.query) return next();
    let getRawInput: () => Promise<unknown>;
    let signal: AbortSignal | undefined;
    if (type === 'query') {
      const raw = req.query.input;
      if (raw !== undefined && typeof raw !== 'string') return next();
      let input: unknown;
      try {
        input = raw === undefined ? undefined : JSON.parse(raw);
      } catch {
        return next();
      }
      getRawInput = async () => input;
    } else {
      if (req.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase() !== 'application/json') return next();
      // Read from the start, as the adapter's stream does: a client that sends its call and goes
      // away still has it carried out. Refused only when the procedure asks for its input.
      const body = jsonBody(req, services.config.bodyLimitBytes);
      body.catch(() => undefined);
      getRawInput = () => body;
      signal = abortedOnClientGone(req, res);
    }
    const ctx = { request: createRequestContext(services, httpRequestInfo(req, res)) };
    callTRPCProcedure({ router: appRouter, path, type: type as 'query' | 'mutation', ctx, getRawInput, signal, batchIndex: 0 }).then(
      (data) => send(res, 200, { result: { data } }),
      (cause: unknown) => {
        const error = cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
        const shape = getErrorShape({ config: appRouter._def._config, error, type: type as 'query' | 'mutation', path, input: undefined, ctx: undefined }) as { data: { httpStatus: number } };
        for (const [name, value] of Object.entries(retryAfterHeader([error]))) res.setHeader(name, value);
        send(res, shape.data.httpStatus, { error: shape });
      },
    );
  };
}

/**
 * The request's JSON body (undefined when empty), refused as the adapter refuses it: too large, or
 * not JSON; a body cut off by the client going away is refused too, so no call waits for it.
 */
function jsonBody(req: Request, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch (cause) {
        reject(new TRPCError({ code: 'BAD_REQUEST', message: (cause as Error).message, cause }));
      }
    };
    req.on('data', onData).on('end', onEnd);
    req.once('close', () => {
      if (!req.complete) reject(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The client went away before sending the whole request' }));
    });
  });
}

/** A signal that aborts when the client disconnects before its answer is written. */
function abortedOnClientGone(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) controller.abort();
  });
  req.once('aborted', () => controller.abort());
  return controller.signal;
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
