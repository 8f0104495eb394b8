import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { JobQueue } from './jobs/queue.js';
import type { Logger } from './logger.js';
import { createAuthRateLimiter, type AuthRateLimiter } from './modules/identity/rate-limit.js';
import { createStorage } from './modules/media/storage/index.js';
import type { StoragePort } from './modules/media/storage/port.js';
import { imageUrlPolicy, type ImageUrlPolicy } from './modules/media/url-policy.js';
import { createMailer, type Mailer } from './modules/mail/mailer.js';

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
  /** Background jobs (pg-boss): started on first use; `startWorkers` (src/jobs/workers.ts) works them. */
  jobs: JobQueue;
}

/** Wires the long-lived collaborators from configuration. */
export function createServices(config: Config, orm: MikroORM, log: Logger): AppServices {
  const storage = createStorage(config, log);
  return {
    config,
    orm,
    log,
    rateLimiter: createAuthRateLimiter(config.authLimits, { redisUrl: config.redisUrl, database: orm }),
    storage,
    imageUrlPolicy: imageUrlPolicy(config, storage),
    mailer: createMailer(config, log),
    jobs: new JobQueue({ connectionString: orm.config.get('clientUrl')!, log, pollingIntervalSeconds: config.jobs.pollSeconds }),
  };
}
