import type { Readable } from 'node:stream';
import type { UploadType } from '../contract.js';

/** An object the caller may upload once: where, what type and exactly how many bytes. */
export interface UploadTarget {
  path: string;
  contentType: UploadType;
  size: number;
}

export interface SignedUpload {
  uploadUrl: string;
  /** Supabase's upload token (for `uploadToSignedUrl`); the local storage carries it in the URL. */
  token?: string;
  expiresAt: Date;
}

/**
 * Where product images and import files live. Adapters: Supabase Storage, or the local filesystem
 * served by this server (images only: import files are read by the import job, never served).
 */
export interface StoragePort {
  readonly name: 'supabase' | 'local';
  /** Every public object URL is this prefix followed by the object path. */
  readonly publicBase: string;
  publicUrl(path: string): string;
  createUploadUrl(target: UploadTarget): Promise<SignedUpload>;
  /** The bytes of a stored object (an import file), or null when there is none. */
  openObject(path: string): Promise<Readable | null>;
  /** Whether an object is stored (an uploaded import file, before its job is queued). */
  hasObject(path: string): Promise<boolean>;
  /** Best effort: failures are logged, never thrown, so a user's write never fails on cleanup. */
  deleteObjects(paths: string[]): Promise<void>;
}
