import type { SignedUp } from './fixtures.js';
import { unique } from './fixtures.js';

type CreateInput = Parameters<SignedUp['caller']['items']['create']>[0];

export const IMAGE = (name: string) => `https://images.example.test/${name}.jpg`;

/** Creates an item through the API with unique name/sku unless given. */
export const createItem = (who: Pick<SignedUp, 'caller'>, overrides: Partial<CreateInput> = {}) =>
  who.caller.items.create({ name: unique('Item'), sku: unique('SKU'), ...overrides });
