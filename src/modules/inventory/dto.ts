import type { ICardDetails, IItem, IPriceChange, IStockMovement } from './entities.js';

const toCardDetailsDto = (c: ICardDetails) => ({
  game: c.game ?? null,
  setName: c.setName ?? null,
  setCode: c.setCode ?? null,
  cardNumber: c.cardNumber ?? null,
  rarity: c.rarity ?? null,
  finish: c.finish ?? null,
  language: c.language ?? null,
  gradingCompany: c.gradingCompany ?? null,
  grade: c.grade ?? null,
  certNumber: c.certNumber ?? null,
  externalIds: c.externalIds ?? null,
  lastEstimatedAt: c.lastEstimatedAt?.toISOString() ?? null,
  releaseDate: c.releaseDate ?? null,
  printRun: c.printRun ?? null,
  marketRegion: c.marketRegion ?? null,
  notes: c.notes ?? null,
});

/** The full item (card details and images must be loaded). */
export const toItemDto = (i: IItem) => ({
  id: i.id,
  vendorId: i.vendor.id,
  storeId: i.store.id,
  name: i.name,
  sku: i.sku,
  description: i.description ?? null,
  category: i.category,
  condition: i.condition ?? null,
  status: i.status,
  quantity: i.quantity,
  intakePrice: i.intakePrice,
  price: i.price,
  projectedPrice: i.projectedPrice,
  imageUrl: i.imageUrl ?? null,
  attributes: i.attributes,
  cardDetails: i.cardDetails ? toCardDetailsDto(i.cardDetails) : null,
  images: i.images.getItems().map((img) => ({ id: img.id, url: img.url, position: img.position, isPrimary: img.isPrimary })),
  version: i.version,
  createdBy: i.createdBy?.id ?? null,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});
export type ItemDto = ReturnType<typeof toItemDto>;

export const toMovementDto = (m: IStockMovement) => ({
  id: m.id,
  delta: m.delta,
  quantityBefore: m.quantityBefore,
  quantityAfter: m.quantityAfter,
  reason: m.reason,
  note: m.note ?? null,
  reference: m.reference ?? null,
  actorId: m.actor?.id ?? null,
  createdAt: m.createdAt.toISOString(),
});

export const toPriceChangeDto = (c: IPriceChange) => ({
  field: c.field,
  oldValue: c.oldValue ?? null,
  newValue: c.newValue,
  actorId: c.actor?.id ?? null,
  source: c.source,
  createdAt: c.createdAt.toISOString(),
});
