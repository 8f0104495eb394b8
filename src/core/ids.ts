import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** Time-ordered UUIDs keep B-tree inserts local and make ids sortable by creation. */
export const newId = (): string => uuidv7();

export const idSchema = z.uuid();
