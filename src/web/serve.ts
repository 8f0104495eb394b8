import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * The web app's folders, from this module's address: its source (Vite's root) and the built files
 * (where `npm run build` puts them). This file is <project>/src/web/serve.ts under tsx (`npm start`,
 * any NODE_ENV) and <project>/dist/src/web/serve.js built; both find the same folders.
 */
export function webDirs(moduleUrl: string) {
  const project = new URL('../../', moduleUrl).href.replace(/\/dist\/$/, '/');
  return { source: fileURLToPath(new URL('web/', project)), built: fileURLToPath(new URL('dist/web/', project)) };
}

const dirs = webDirs(import.meta.url);

/** Paths that belong to the API and the server, never to the app's client-side routes. */
const SERVER_PATHS = /^\/(trpc|api|media|exports|health|ready)(\/|$)/;

export interface WebApp {
  handler: RequestHandler;
  close(): Promise<void>;
}

/**
 * Development: Vite in middleware mode (modules compiled on request, hot reload over `httpServer`'s
 * own port), started by the first request for the app, so API-only processes never pay for it.
 * Production: the built files, hashed assets cached for a year, and index.html for every other
 * GET that is not a server path (the client routes).
 */
export function createWebApp(config: Config, log: Logger, httpServer: Server): WebApp | null {
  if (config.isProduction) return builtWebApp(log, dirs.built);
  let vite: Promise<ViteDevServer> | undefined;
  const start = async () => {
    // Vite is a devDependency: imported only here, so production never loads it.
    const { createServer } = await import('vite');
    return createServer({
      configFile: `${dirs.source}vite.config.ts`,
      root: dirs.source,
      appType: 'spa',
      logLevel: config.logLevel === 'silent' ? 'silent' : 'warn',
      server: { middlewareMode: true, hmr: { server: httpServer } },
    });
  };
  const handler: RequestHandler = (req, res, next) => {
    vite ??= start();
    vite.then(
      (server) => server.middlewares(req, res, next),
      (error: unknown) => {
        vite = undefined; // the next request tries again (a config being edited, say)
        log.error({ err: error }, 'the web app (Vite) could not start');
        res.status(503).json({ error: 'The web app could not start; the server log says why' });
      },
    );
  };
  return { handler: outsideServerPaths(handler), close: async () => (await vite)?.close() };
}

/** The built app in `dir` (with a trailing slash), or null when it was not built. */
export function builtWebApp(log: Logger, dir: string): WebApp | null {
  const index = `${dir}index.html`;
  if (!existsSync(index)) {
    log.warn({ dir }, 'the web app is not built: run `npm run build` to serve it; serving the API only');
    return null;
  }
  const files = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      const hashed = path.startsWith(`${dir}assets/`);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fallback: RequestHandler = (req, res, next) => {
    // A missing file (an asset of an older build) is a 404, not the app's page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.\w+$/.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return { handler: outsideServerPaths(express.Router().use(files, fallback)), close: async () => {} };
}

function outsideServerPaths(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (SERVER_PATHS.test(req.path) ? next() : handler(req, res, next));
}

/**
 * helmet's Content-Security-Policy, opened just enough for the app: images and uploads may also go
 * to the media storage and IMAGE_HOSTS. Vite's development client needs inline module scripts (the
 * React refresh preamble). helmet's `upgrade-insecure-requests` is left out: production's URLs are
 * https already (PUBLIC_URL must be), and it would break the app served on plain http (development,
 * a loopback bench).
 */
export function contentSecurityPolicy(config: Config, storagePublicBase: string) {
  const storage = new URL(storagePublicBase).origin;
  const imageHosts = config.imageHosts.flatMap((host) => [`https://${host}`, ...(config.isProduction ? [] : [`http://${host}`])]);
  return {
    directives: {
      'img-src': ["'self'", 'data:', 'blob:', storage, ...imageHosts],
      'connect-src': ["'self'", storage],
      'script-src': ["'self'", ...(config.isProduction ? [] : ["'unsafe-inline'"])],
      'upgrade-insecure-requests': null,
    },
  };
}
