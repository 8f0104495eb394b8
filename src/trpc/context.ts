import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services.js';

export interface RequestInfo {
  accessToken?: string | null;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** One unit of work per request: the EntityManager is forked here once and passed down explicitly. */
export function createRequestContext(services: AppServices, info: RequestInfo = {}) {
  const requestId = info.requestId ?? randomUUID();
  return {
    services,
    em: services.orm.em.fork() as EntityManager,
    requestId,
    ip: info.ip ?? 'unknown',
    userAgent: info.userAgent ?? null,
    accessToken: info.accessToken ?? null,
    log: services.log.child({ requestId }),
  };
}

export type RequestContext = ReturnType<typeof createRequestContext>;

/** Who an HTTP request (to /trpc or /api/v1) comes from: its Bearer token, address, user agent and request id. */
export function httpRequestInfo(req: Request, res: Response): RequestInfo {
  return { accessToken: bearerToken(req), ip: req.ip, userAgent: req.get('user-agent'), requestId: res.locals.requestId as string };
}

function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
