import { randomUUID } from 'node:crypto';
import type { ImageType } from './contract.js';

/**
 * sharp, loaded by the first upload: libvips adds about 20 MB to every server process's memory,
 * and most never see an upload. Uploads are decoded once and never again: libvips' operation
 * cache would only hold memory.
 */
let loadedSharp: Promise<typeof import('sharp')> | undefined;
const sharpModule = () => (loadedSharp ??= import('sharp').then((module) => (module.default.cache(false), module)));

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

/** `<vendorId>/imports/<uploadId>.csv`: an import file; never served (GET /media serves OBJECT_PATH only). */
export const IMPORT_PATH = new RegExp(`^(${UUID})/imports/(${UUID})\\.csv$`);
export const importPath = (vendorId: string, uploadId: string) => `${vendorId.toLowerCase()}/imports/${uploadId.toLowerCase()}.csv`;

/** The vendor folder of a well-formed object path, else null. */
export const vendorOfPath = (path: string): string | null => OBJECT_PATH.exec(path)?.[1] ?? null;

/**
 * The file signatures ("magic bytes") of each type: only bytes that start like the declared type
 * reach the decoder, so it never runs anything but these four formats' loaders (no SVG, TIFF,
 * ...). Offsets matter for WebP: RIFF....WEBP.
 */
const signatures: Record<ImageType, { offset: number; bytes: number[] }[][]> = {
  'image/jpeg': [[{ offset: 0, bytes: [0xff, 0xd8, 0xff] }]],
  'image/png': [[{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }]],
  'image/gif': [[{ offset: 0, bytes: [...Buffer.from('GIF87a')] }], [{ offset: 0, bytes: [...Buffer.from('GIF89a')] }]],
  'image/webp': [[{ offset: 0, bytes: [...Buffer.from('RIFF')] }, { offset: 8, bytes: [...Buffer.from('WEBP')] }]],
};

const hasImageSignature = (type: ImageType, data: Buffer): boolean =>
  signatures[type].some((parts) =>
    parts.every(({ offset, bytes }) => bytes.every((byte, i) => data[offset + i] === byte)),
  );

/**
 * Whether `data` is a whole image of `type`: the right signature, then decoded by libvips (sharp)
 * to the last byte of its image data, every frame of an animation included, so a file with the
 * right magic bytes but anything else behind them, a truncated or a corrupt one is refused.
 */
export async function isImageOf(type: ImageType, data: Buffer): Promise<boolean> {
  if (!hasImageSignature(type, data)) return false;
  const { default: sharp } = await sharpModule();
  try {
    const image = sharp(data, { failOn: 'error', animated: true });
    // sharp names the formats as the MIME subtypes: image/jpeg → jpeg.
    if ((await image.metadata()).format !== type.split('/')[1]) return false;
    // Decoding into a thumbnail reads all the image data, in a fraction of the memory of full size.
    await image.resize(16, 16, { fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}
