import { z } from 'zod';

/** Every record id in the API is a UUID (v7, time-ordered, as the server makes them). */
export const idSchema = z.uuid();
