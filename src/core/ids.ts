import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDs keep B-tree inserts local and make ids sortable by creation. */
export const newId = (): string => uuidv7();
