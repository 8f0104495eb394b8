import { createClient } from '@supabase/supabase-js';
import type { Logger } from '../../../logger.js';
import type { SignedUpload, StoragePort, UploadTarget } from './port.js';

export interface SupabaseSettings {
  url: string;
  serviceRoleKey: string;
  bucket: string;
}

/** Supabase signs upload URLs for a fixed two hours; the API offers no shorter lifetime. */
const SIGNED_UPLOAD_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Supabase Storage with the service-role key (server side only). Uploads go from the client
 * straight to Supabase; the bucket's own limits (allowed MIME types, 10 MB) enforce type and size.
 */
export class SupabaseStorage implements StoragePort {
  readonly name = 'supabase';
  readonly publicBase: string;
  private readonly bucket;

  constructor(
    settings: SupabaseSettings,
    private readonly log: Logger,
  ) {
    const client = createClient(settings.url, settings.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    this.bucket = client.storage.from(settings.bucket);
    this.publicBase = this.bucket.getPublicUrl('').data.publicUrl;
  }

  publicUrl(path: string): string {
    return this.bucket.getPublicUrl(path).data.publicUrl;
  }

  async createUploadUrl(target: UploadTarget): Promise<SignedUpload> {
    const expiresAt = new Date(Date.now() + SIGNED_UPLOAD_TTL_MS);
    const { data, error } = await this.bucket.createSignedUploadUrl(target.path);
    if (error) throw error;
    return { uploadUrl: data.signedUrl, token: data.token, expiresAt };
  }

  async deleteObjects(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    try {
      const { error } = await this.bucket.remove(paths);
      if (error) throw error;
      this.log.info({ paths }, 'deleted stored images');
    } catch (error) {
      this.log.warn({ err: error, paths }, 'could not delete stored images');
    }
  }
}
