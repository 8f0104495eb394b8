import type { RouterInputs, RouterOutputs } from '../router.js';

/*
 * Examples for the OpenAPI document (and so for /api/docs), typed by the router so they follow
 * the contracts; test/rest/openapi.test.ts also parses each one with its procedure's schemas.
 */

const ids = {
  user: '0197a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
  vendor: '0197a1b2-3c4d-7e5f-8a9b-1c1d2e3f4a5b',
  store: '0197a1b2-3c4d-7e5f-8a9b-2c1d2e3f4a5b',
  item: '0197a1b2-3c4d-7e5f-8a9b-3c1d2e3f4a5b',
  movement: '0197a1b2-3c4d-7e5f-8a9b-4c1d2e3f4a5b',
};
const tokens = { accessToken: 'eyJhbGciOiJIUzI1NiJ9.…', refreshToken: 'eyJhbGciOiJIUzI1NiJ9.…' };
const user = { id: ids.user, email: 'ash@example.com', firstName: 'Ash', lastName: null };

const item: RouterOutputs['items']['get'] = {
  id: ids.item,
  vendorId: ids.vendor,
  storeId: ids.store,
  name: 'Charizard (Base Set) 4/102',
  sku: 'PKM-BS-004',
  description: null,
  category: 'trading_card',
  condition: 'Near Mint',
  status: 'active',
  quantity: 2,
  intakePrice: '180.00',
  price: '349.99',
  projectedPrice: '400.00',
  imageUrl: null,
  attributes: {},
  cardDetails: {
    game: 'Pokémon',
    setName: 'Base Set',
    setCode: 'BS',
    cardNumber: '4/102',
    rarity: 'Holo Rare',
    finish: 'holofoil',
    language: 'English',
    gradingCompany: null,
    grade: null,
    certNumber: null,
    externalIds: null,
    lastEstimatedAt: null,
    releaseDate: '1999-01-09',
    printRun: null,
    marketRegion: null,
    notes: null,
  },
  images: [],
  version: 1,
  createdBy: ids.user,
  createdAt: '2026-03-01T10:15:00.000Z',
  updatedAt: '2026-03-01T10:15:00.000Z',
};

interface Example<I, O> {
  input: I;
  output: O;
}
const example = <I, O>(value: Example<I, O>) => value;

export const examples: Record<string, Example<unknown, unknown>> = {
  'auth.register': example<RouterInputs['auth']['register'], RouterOutputs['auth']['register']>({
    input: { email: 'ash@example.com', password: 'pikachu-is-best', passwordConfirm: 'pikachu-is-best', vendorName: 'Pallet Cards', firstName: 'Ash' },
    output: { user, vendor: { id: ids.vendor, name: 'Pallet Cards', slug: 'pallet-cards' }, ...tokens },
  }),
  'auth.login': example<RouterInputs['auth']['login'], RouterOutputs['auth']['login']>({
    input: { email: 'ash@example.com', password: 'pikachu-is-best' },
    output: { user, ...tokens },
  }),
  'items.create': example<RouterInputs['items']['create'], RouterOutputs['items']['create']>({
    input: {
      name: item.name,
      sku: item.sku,
      category: 'trading_card',
      condition: 'Near Mint',
      quantity: 2,
      intakePrice: '180.00',
      price: '349.99',
      projectedPrice: '400.00',
      cardDetails: { game: 'Pokémon', setName: 'Base Set', setCode: 'BS', cardNumber: '4/102', rarity: 'Holo Rare', finish: 'holofoil', language: 'English', releaseDate: '1999-01-09' },
    },
    output: item,
  }),
  'items.list': example<RouterInputs['items']['list'], RouterOutputs['items']['list']>({
    input: { category: 'trading_card', inStock: true, sort: 'price', order: 'desc', limit: 20 },
    output: { items: [item], total: 1, nextCursor: null },
  }),
  'items.adjustStock': example<RouterInputs['items']['adjustStock'], RouterOutputs['items']['adjustStock']>({
    input: { id: ids.item, delta: -1, reason: 'sale', note: 'Sold at the counter' },
    output: {
      item: { ...item, quantity: 1, version: 2, updatedAt: '2026-03-02T16:40:00.000Z' },
      movement: {
        id: ids.movement,
        delta: -1,
        quantityBefore: 2,
        quantityAfter: 1,
        reason: 'sale',
        note: 'Sold at the counter',
        reference: null,
        actorId: ids.user,
        createdAt: '2026-03-02T16:40:00.000Z',
      },
    },
  }),
};
