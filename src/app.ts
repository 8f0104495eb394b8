import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { assertOnePasswordCall } from './modules/identity/password-calls.js';
import { exportRoutes } from './modules/exports/routes.js';
import { mediaRoutes } from './modules/media/routes.js';
import { docsPage } from './rest/docs-page.js';
import { restApi } from './rest/api.js';
import { REST_BASE } from './rest/routes.js';
import { appRouter } from './router.js';
import type { AppServices } from './services.js';
import { createRequestContext, httpRequestInfo } from './trpc/context.js';
import { fastCalls, retryAfterHeader } from './trpc/fast-calls.js';
import { contentSecurityPolicy } from './web/serve.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;
/** Calls one batched request may carry (larger batches answer 400); clients set httpBatchLink's `maxItems` to at most this. */
export const MAX_BATCH_SIZE = 20;

/** `web` serves the web app (src/web/serve.ts) on every path the API does not answer. */
export function createApp(services: AppServices, { web }: { web?: RequestHandler } = {}) {
  const { config, log } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: contentSecurityPolicy(config, services.storage.publicBase) }));
  // Only listed origins are echoed back; anything else gets no CORS headers at all.
  app.use(cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 }));

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    // The access log is at info: below it (production's usual warn) a request costs no listener.
    if (!log.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ requestId, method: req.method, url: req.originalUrl.split('?')[0], status: res.statusCode, ms }, 'request');
    });
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    try {
      await services.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error, requestId: res.locals.requestId }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use('/media', mediaRoutes(services.storage, log));
  app.use('/exports', exportRoutes(services));
  app.use(REST_BASE, restApi(services));
  app.use('/api/docs', docsPage());

  app.use(
    '/trpc',
    fastCalls(services),
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: config.bodyLimitBytes,
      maxBatchSize: MAX_BATCH_SIZE,
      responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
      createContext: ({ req, res, info }) => {
        assertOnePasswordCall(info.calls);
        return { request: createRequestContext(services, httpRequestInfo(req, res)) };
      },
    }),
  );

  if (web) app.use(web);
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  return app;
}
