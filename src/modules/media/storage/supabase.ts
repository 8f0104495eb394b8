import { createClient } from '@supabase/supabase-js';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from '../../../logger.js';
import { IMPORT_PATH } from '../images.js';
import type { SignedUpload, StoragePort, UploadTarget } from './port.js';

export interface SupabaseSettings {
  url: string;
  serviceRoleKey: string;
  bucket: string;
  /** A private bucket for import files (they are never public). */
  importsBucket: string;
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
  private readonly imports;

  constructor(
    settings: SupabaseSettings,
    private readonly log: Logger,
  ) {
    const client = createClient(settings.url, settings.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    this.bucket = client.storage.from(settings.bucket);
    this.imports = client.storage.from(settings.importsBucket);
    this.publicBase = this.bucket.getPublicUrl('').data.publicUrl;
  }

  publicUrl(path: string): string {
    return this.bucket.getPublicUrl(path).data.publicUrl;
  }

  async createUploadUrl(target: UploadTarget): Promise<SignedUpload> {
    const expiresAt = new Date(Date.now() + SIGNED_UPLOAD_TTL_MS);
    const { data, error } = await this.bucketOf(target.path).createSignedUploadUrl(target.path);
    if (error) throw error;
    return { uploadUrl: data.signedUrl, token: data.token, expiresAt };
  }

  async openObject(path: string): Promise<Readable | null> {
    const { data, error } = await this.bucketOf(path).download(path);
    if (error) {
      if ((error as { status?: number }).status === 404 || /not found/i.test(error.message)) return null;
      throw error;
    }
    return Readable.fromWeb(data.stream() as unknown as WebReadableStream);
  }

  async hasObject(path: string): Promise<boolean> {
    const { data, error } = await this.bucketOf(path).exists(path);
    if (error && !/not found/i.test(error.message)) throw error;
    return Boolean(data);
  }

  /** Import files live in their own private bucket; everything else is a product image. */
  private bucketOf(path: string) {
    return IMPORT_PATH.test(path) ? this.imports : this.bucket;
  }

  async deleteObjects(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    try {
      for (const bucket of [this.bucket, this.imports]) {
        const own = paths.filter((path) => this.bucketOf(path) === bucket);
        if (!own.length) continue;
        const { error } = await bucket.remove(own);
        if (error) throw error;
      }
      this.log.info({ paths }, 'deleted stored images');
    } catch (error) {
      this.log.warn({ err: error, paths }, 'could not delete stored images');
    }
  }
}
