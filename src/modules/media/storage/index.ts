import { join } from 'node:path';
import type { Config } from '../../../config.js';
import type { Logger } from '../../../logger.js';
import { LocalStorage } from './local.js';
import type { StoragePort } from './port.js';
import { SupabaseStorage } from './supabase.js';

export type { StoragePort } from './port.js';

/** Supabase Storage when configured, else the local filesystem; chosen once at start-up. */
export function createStorage(config: Config, log: Logger): StoragePort {
  const storage = config.supabase
    ? new SupabaseStorage(config.supabase, log)
    : new LocalStorage({ root: join(config.dataDir, 'uploads'), baseUrl: config.publicUrl, serverSecret: config.jwtSecret }, log);
  log.info({ storage: storage.name, publicBase: storage.publicBase }, `media storage: ${storage.name}`);
  return storage;
}
