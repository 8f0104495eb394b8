import type { ImageType } from '../contract.js';

/** An object the caller may upload once: where, what type and exactly how many bytes. */
export interface UploadTarget {
  path: string;
  contentType: ImageType;
  size: number;
}

export interface SignedUpload {
  uploadUrl: string;
  /** Supabase's upload token (for `uploadToSignedUrl`); the local storage carries it in the URL. */
  token?: string;
  expiresAt: Date;
}

/** Where product images live. Adapters: Supabase Storage, or the local filesystem served by this server. */
export interface StoragePort {
  readonly name: 'supabase' | 'local';
  /** Every public object URL is this prefix followed by the object path. */
  readonly publicBase: string;
  publicUrl(path: string): string;
  createUploadUrl(target: UploadTarget): Promise<SignedUpload>;
  /** Best effort: failures are logged, never thrown, so a user's write never fails on cleanup. */
  deleteObjects(paths: string[]): Promise<void>;
}
