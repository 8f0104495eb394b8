import { randomUUID } from 'node:crypto';
import type { ImageType } from './contract.js';

/** File extensions per type; the first is used when the caller's file name offers none of them. */
const extensions: Record<ImageType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
};

/**
 * The stored object's extension: the file name's own when it matches the type (so `photo.JPEG`
 * stays `.jpeg`), else the type's. The name supplies nothing else, so it cannot steer the path.
 */
export function extensionFor(type: ImageType, fileName: string): string {
  const own = /\.([a-z0-9]{1,10})$/i.exec(fileName)?.[1]?.toLowerCase();
  const allowed = extensions[type];
  return own && allowed.includes(own) ? own : allowed[0]!;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `<vendorId>/<itemId or unassigned>/<random>.<ext>`: the only object paths we create or accept. */
export const OBJECT_PATH = new RegExp(`^(${UUID})/(${UUID}|unassigned)/${UUID}\\.(jpg|jpeg|png|webp|gif)$`);

// Lower case: ids may arrive in upper case, and paths must match OBJECT_PATH.
export const newObjectPath = (vendorId: string, itemId: string | undefined, ext: string) =>
  `${vendorId.toLowerCase()}/${itemId?.toLowerCase() ?? 'unassigned'}/${randomUUID()}.${ext}`;

/** The vendor folder of a well-formed object path, else null. */
export const vendorOfPath = (path: string): string | null => OBJECT_PATH.exec(path)?.[1] ?? null;

/**
 * The file signatures ("magic bytes") of each type, so a renamed HTML or SVG file is never
 * stored as an image. Offsets matter for WebP: RIFF....WEBP.
 */
const signatures: Record<ImageType, { offset: number; bytes: number[] }[][]> = {
  'image/jpeg': [[{ offset: 0, bytes: [0xff, 0xd8, 0xff] }]],
  'image/png': [[{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }]],
  'image/gif': [[{ offset: 0, bytes: [...Buffer.from('GIF87a')] }], [{ offset: 0, bytes: [...Buffer.from('GIF89a')] }]],
  'image/webp': [[{ offset: 0, bytes: [...Buffer.from('RIFF')] }, { offset: 8, bytes: [...Buffer.from('WEBP')] }]],
};

export const hasImageSignature = (type: ImageType, data: Buffer): boolean =>
  signatures[type].some((parts) =>
    parts.every(({ offset, bytes }) => bytes.every((byte, i) => data[offset + i] === byte)),
  );
