import jwt from 'jsonwebtoken';
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CSV_TYPE, imageTypes, MAX_CSV_BYTES, MAX_IMAGE_BYTES } from '../contract.js';
import { IMPORT_PATH, OBJECT_PATH } from '../images.js';
import type { UploadTarget } from './port.js';

/**
 * The local storage's signed upload URL carries its whole permission in an HS256 token: object
 * path, content type, exact size, expiry and a unique id (jti) that marks it used. Nothing is
 * kept per pending upload, so tokens survive restarts and work on every instance sharing the secret.
 * The key is derived from the server secret so an upload token is never a valid access token.
 */
export interface UploadClaims extends UploadTarget {
  id: string;
  /** Expiry in seconds since the epoch. */
  exp: number;
}

const ALGORITHM = 'HS256';
const AUDIENCE = 'media-upload';

const common = { jti: z.uuid(), exp: z.number().int() };
const claimsSchema = z.union([
  z.object({ path: z.string().regex(OBJECT_PATH), type: z.enum(imageTypes), size: z.number().int().min(1).max(MAX_IMAGE_BYTES), ...common }),
  z.object({ path: z.string().regex(IMPORT_PATH), type: z.literal(CSV_TYPE), size: z.number().int().min(1).max(MAX_CSV_BYTES), ...common }),
]);

/** A refused upload, with the HTTP status the upload route answers. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalidToken = () => new UploadRefused(403, 'This upload URL is not valid');

export const uploadTokenKey = (serverSecret: string) => createHmac('sha256', serverSecret).update('media-upload-token').digest();

export function signUploadToken(key: Buffer, target: UploadTarget, expiresAt: Date): UploadClaims & { token: string } {
  const claims = { ...target, id: randomUUID(), exp: Math.floor(expiresAt.getTime() / 1000) };
  const token = jwt.sign(
    { path: claims.path, type: claims.contentType, size: claims.size, exp: claims.exp },
    key,
    { algorithm: ALGORITHM, audience: AUDIENCE, jwtid: claims.id },
  );
  return { ...claims, token };
}

/** The upload a token allows; throws UploadRefused for a forged, tampered or expired one. */
export function verifyUploadToken(key: Buffer, token: string): UploadClaims {
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, { algorithms: [ALGORITHM], audience: AUDIENCE });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new UploadRefused(410, 'This upload URL has expired: request a new one');
    throw invalidToken();
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw invalidToken();
  const { path, type, size, jti, exp } = parsed.data;
  return { path, contentType: type, size, id: jti, exp };
}
