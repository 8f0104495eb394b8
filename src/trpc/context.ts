import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AuthRateLimiter } from '../modules/identity/rate-limit.js';
import type { StoragePort } from '../modules/media/storage/port.js';
import type { ImageUrlPolicy } from '../modules/media/url-policy.js';
import type { Mailer } from '../modules/mail/mailer.js';

/** Long-lived collaborators built once at start-up and shared by every request. */
export interface AppServices {
  config: Config;
  orm: MikroORM;
  log: Logger;
  rateLimiter: AuthRateLimiter;
  storage: StoragePort;
  /** Which image URLs items may carry: `imageUrlProblem(imageUrlPolicy, vendorId, url)`. */
  imageUrlPolicy: ImageUrlPolicy;
  mailer: Mailer;
}

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
