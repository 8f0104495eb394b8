import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { createStorage } from '../../src/modules/media/storage/index.js';
import { imageUrlPolicy } from '../../src/modules/media/url-policy.js';
import type { AppServices } from '../../src/services.js';
import { app, testConfig } from './app.js';

/**
 * The Express app on a free port, with its own data folder so a test can see every file the
 * local storage writes. Shares the run's database and rate limiter unless `overrides` replaces them.
 */
export async function startHttpApp(env: Record<string, string> = {}, overrides: Partial<AppServices> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-media-'));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = testConfig({ DATA_DIR: dataDir, PUBLIC_URL: baseUrl, ...env });
  const storage = createStorage(config, app().log);
  const services: AppServices = { ...app(), config, storage, imageUrlPolicy: imageUrlPolicy(config, storage), ...overrides };
  server.on('request', createApp(services));
  return {
    baseUrl,
    services,
    uploadsDir: join(dataDir, 'uploads'),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (relative paths), markers and staging included; [] when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}
