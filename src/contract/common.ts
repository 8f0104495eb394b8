import { z } from 'zod';
import { text } from './text.js';

/** The answer of a procedure that has nothing else to say. */
export const okOutput = z.object({ ok: z.literal(true) });

/** Timestamps leave the API as ISO-8601 UTC strings. */
export const timestampOutput = z.string();

/** A single-use secret from a mail link (invitation, password reset). */
export const secretTokenSchema = text(200).min(1);
