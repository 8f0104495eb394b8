import type { EntityManager } from '@mikro-orm/postgresql';
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
