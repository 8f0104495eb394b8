import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../../logger.js';
import { CSV_TYPE, type ImageType } from '../contract.js';
import { IMPORT_PATH, isImageOf, OBJECT_PATH } from '../images.js';
import type { SignedUpload, StoragePort, UploadTarget } from './port.js';
import { invalidToken, signUploadToken, UploadRefused, uploadTokenKey, verifyUploadToken, type UploadClaims } from './upload-token.js';

export interface LocalSettings {
  /** The folder holding every vendor's folder (<dataDir>/uploads). */
  root: string;
  /** This server's external base URL; objects are served under <baseUrl>/media/. */
  baseUrl: string;
  serverSecret: string;
}

const UPLOAD_TTL_MS = 5 * 60 * 1000;

/**
 * Images on this server's disk (the embedded default). An upload URL is single use: the first
 * stored upload creates a marker file named after the token's id under `.used/`, exclusively,
 * so a replay (on this or any instance sharing the folder, before or after a restart) is refused.
 * A refused or failed upload leaves no marker, so the client may retry with the same URL.
 * Markers outlive their token's expiry only until the next upload prunes them.
 */
export class LocalStorage implements StoragePort {
  readonly name = 'local';
  readonly publicBase: string;
  readonly root: string;
  private readonly key: Buffer;
  private readonly markers: string;
  private readonly staging: string;

  constructor(
    private readonly settings: LocalSettings,
    private readonly log: Logger,
  ) {
    this.root = resolve(settings.root);
    this.publicBase = `${settings.baseUrl}/media/`;
    this.key = uploadTokenKey(settings.serverSecret);
    this.markers = join(this.root, '.used');
    this.staging = join(this.root, '.staging');
  }

  publicUrl(path: string): string {
    return this.publicBase + path;
  }

  async createUploadUrl(target: UploadTarget): Promise<SignedUpload> {
    const expiresAt = new Date(Date.now() + UPLOAD_TTL_MS);
    const { token } = signUploadToken(this.key, target, expiresAt);
    return { uploadUrl: `${this.settings.baseUrl}/media/upload/${token}`, expiresAt };
  }

  claimsOf(token: string): UploadClaims {
    return verifyUploadToken(this.key, token);
  }

  /**
   * Stores the bytes of one image upload: exact size, a whole image of the declared type, first
   * use of the token only.
   */
  async store(claims: UploadClaims, data: Buffer): Promise<void> {
    if (data.length !== claims.size) throw new UploadRefused(400, `Expected exactly ${claims.size} bytes, received ${data.length}`);
    if (claims.contentType === CSV_TYPE || !(await isImageOf(claims.contentType as ImageType, data))) {
      throw new UploadRefused(422, `The file is not a valid ${claims.contentType} image`);
    }
    await this.place(claims, (staged) => writeFile(staged, data, { flag: 'wx' }));
  }

  /**
   * Stores an import file as it arrives (up to 50 MB, never held in memory): exactly the declared
   * size, first use of the token only. Its content is checked by the import that reads it.
   */
  async storeStream(claims: UploadClaims, body: AsyncIterable<Buffer>): Promise<void> {
    await this.place(claims, async (staged) => {
      let received = 0;
      async function* limited() {
        for await (const chunk of body) {
          received += chunk.length;
          if (received > claims.size) throw new UploadRefused(413, `This upload URL accepts exactly ${claims.size} bytes`);
          yield chunk;
        }
      }
      await pipeline(limited, createWriteStream(staged, { flags: 'wx' }));
      if (received !== claims.size) throw new UploadRefused(400, `Expected exactly ${claims.size} bytes, received ${received}`);
    });
  }

  /**
   * The file is written aside and renamed into place, so a reader never sees half a file; the
   * marker is taken between the two, and given back when the rename fails.
   */
  private async place(claims: UploadClaims, writeStaged: (staged: string) => Promise<void>): Promise<void> {
    const file = this.fileOf(claims.path);
    if (!file) throw invalidToken();
    const staged = join(this.staging, `${claims.id}.${randomUUID()}`);
    const marker = join(this.markers, `${claims.exp}.${claims.id}`);
    let marked = false;
    try {
      await Promise.all([mkdir(dirname(file), { recursive: true }), mkdir(this.markers, { recursive: true }), mkdir(this.staging, { recursive: true })]);
      await writeStaged(staged);
      await this.markUsed(marker);
      marked = true;
      await rename(staged, file);
    } catch (error) {
      await this.discard(marked ? [staged, marker] : [staged]);
      if (error instanceof UploadRefused) throw error;
      this.log.error({ err: error, path: claims.path }, 'could not store uploaded file');
      throw new UploadRefused(503, `The ${claims.contentType === CSV_TYPE ? 'file' : 'image'} could not be stored; try again shortly`);
    }
    this.log.info({ path: claims.path, size: claims.size }, 'stored uploaded file');
    await this.pruneMarkers();
  }

  async hasObject(path: string): Promise<boolean> {
    const file = this.fileOf(path);
    return file !== null && (await stat(file).then(() => true, () => false));
  }

  async openObject(path: string): Promise<Readable | null> {
    const file = this.fileOf(path);
    if (!file) return null;
    try {
      await stat(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async deleteObjects(paths: string[]): Promise<void> {
    await Promise.all(
      paths.map(async (path) => {
        const file = this.fileOf(path);
        try {
          if (!file) throw new Error('not an object path of this storage');
          await rm(file, { force: true });
          this.log.info({ path }, 'deleted stored file');
        } catch (error) {
          this.log.warn({ err: error, path }, 'could not delete stored file');
        }
      }),
    );
  }

  /** The file of a well-formed object path (an image or an import file), never outside the root; else null. */
  private fileOf(path: string): string | null {
    if (!OBJECT_PATH.test(path) && !IMPORT_PATH.test(path)) return null;
    const file = resolve(this.root, path);
    return file.startsWith(this.root + sep) ? file : null;
  }

  /** Creates the token's marker exclusively: only one upload per URL gets past it. */
  private async markUsed(marker: string): Promise<void> {
    try {
      await writeFile(marker, '', { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UploadRefused(409, 'This upload URL has already been used');
      throw error;
    }
  }

  /** Removes what a failed upload wrote; a marker left behind would burn the URL, so it is logged. */
  private async discard(files: string[]): Promise<void> {
    await Promise.all(
      files.map((file) => rm(file, { force: true }).catch((error: unknown) => this.log.error({ err: error, file }, 'could not remove after a failed upload'))),
    );
  }

  /** Drops the markers of expired tokens: an expired token is refused by its signature alone. */
  private async pruneMarkers(): Promise<void> {
    const now = Date.now() / 1000;
    try {
      const expired = (await readdir(this.markers)).filter((name) => Number(name.split('.')[0]) < now);
      await Promise.all(expired.map((name) => rm(join(this.markers, name), { force: true })));
    } catch (error) {
      this.log.warn({ err: error }, 'could not prune used upload markers');
    }
  }
}
