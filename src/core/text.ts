import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const emailSchema = z
  .email()
  .max(320)
  .transform((email) => email.trim().toLowerCase());

/** "Pokémon Palace #2" → "pokemon-palace-2"; never empty. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'vendor';
}

export const randomSuffix = () => randomBytes(3).toString('hex');
