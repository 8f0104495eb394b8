import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createAuthRateLimiter } from './modules/identity/rate-limit.js';
import { createStorage } from './modules/media/storage/index.js';
import { imageUrlPolicy } from './modules/media/url-policy.js';
import { createMailer } from './modules/mail/mailer.js';
import type { AppServices } from './trpc/context.js';

/** Wires the long-lived collaborators from configuration. */
export function createServices(config: Config, orm: MikroORM, log: Logger): AppServices {
  const storage = createStorage(config, log);
  return {
    config,
    orm,
    log,
    rateLimiter: createAuthRateLimiter(config.authLimits, { redisUrl: config.redisUrl }),
    storage,
    imageUrlPolicy: imageUrlPolicy(config, storage),
    mailer: createMailer(config, log),
  };
}
