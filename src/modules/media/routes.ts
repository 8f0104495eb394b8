import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger.js';
import { CSV_TYPE } from './contract.js';
import { OBJECT_PATH } from './images.js';
import { LocalStorage } from './storage/local.js';
import type { StoragePort } from './storage/port.js';
import { UploadRefused, type UploadClaims } from './storage/upload-token.js';

/**
 * `/media` for the local storage: PUT /media/upload/<token> receives one signed upload and
 * GET /media/<path> serves the stored images. Supabase serves its own objects, so then nothing.
 */
export function mediaRoutes(storage: StoragePort, log: Logger): Router {
  const routes = Router();
  if (!(storage instanceof LocalStorage)) return routes;

  routes.put('/upload/:token', async (req, res) => {
    try {
      const claims = storage.claimsOf(String(req.params.token));
      checkHeaders(req, claims);
      if (claims.contentType === CSV_TYPE) await storage.storeStream(claims, req as AsyncIterable<Buffer>);
      else await storage.store(claims, await readBody(req, claims.size));
      res.status(201).json(claims.contentType === CSV_TYPE ? { path: claims.path } : { path: claims.path, publicUrl: storage.publicUrl(claims.path) });
    } catch (error) {
      refuse(res, error, log);
    }
  });

  // Only object paths are served: never the markers, the staging folder or a directory listing.
  routes.use((req, res, next) => (OBJECT_PATH.test(req.path.slice(1)) ? next() : res.status(404).json({ error: 'Not found' })));
  routes.use(
    express.static(storage.root, {
      index: false,
      redirect: false,
      dotfiles: 'deny',
      // Objects are never rewritten (random names, single-use uploads), so caches may keep them.
      immutable: true,
      maxAge: '365d',
      setHeaders(res) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        // Images are embedded by the web app on another origin.
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    }),
  );
  return routes;
}

/** The declared type and exact size, before a byte is read. */
function checkHeaders(req: Request, claims: UploadClaims): void {
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== claims.contentType) throw new UploadRefused(415, `This upload URL accepts only ${claims.contentType}`);
  const length = req.get('content-length');
  if (length === undefined) throw new UploadRefused(411, 'Content-Length is required');
  if (Number(length) > claims.size) throw new UploadRefused(413, `This upload URL accepts exactly ${claims.size} bytes`);
  if (Number(length) !== claims.size) throw new UploadRefused(400, `This upload URL accepts exactly ${claims.size} bytes`);
}

async function readBody(req: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) throw new UploadRefused(413, `This upload URL accepts exactly ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function refuse(res: Response, error: unknown, log: Logger): void {
  if (error instanceof UploadRefused) {
    res.status(error.status).json({ error: error.message });
    return;
  }
  log.error({ err: error, requestId: res.locals.requestId }, 'upload failed');
  res.status(500).json({ error: 'Internal server error' });
}
