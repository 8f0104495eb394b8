import type { CardDetailsOutput, ItemOutput, MovementOutput, PriceChangeOutput } from './contract.js';
import type { ICardDetails, IItem, IItemImage, IPriceChange, IStockMovement } from './entities.js';

/** A relation as an entity (loaded through the ORM) or as its id (a plain row from a selector). */
type Ref = { id: string } | string;
export const idOf = (ref: Ref) => (typeof ref === 'string' ? ref : ref.id);

/** The item columns the DTO needs, whether a managed entity or a plain row (relations as ids). */
export type ItemRow = Omit<IItem, 'vendor' | 'store' | 'createdBy' | 'cardDetails' | 'images'> & {
  vendor: Ref;
  store: Ref;
  createdBy?: Ref | null;
};
export type CardDetailsRow = Omit<ICardDetails, 'id' | 'item'>;
export type ImageRow = Pick<IItemImage, 'id' | 'url' | 'position' | 'isPrimary'>;

const toCardDetailsDto = (c: CardDetailsRow): CardDetailsOutput => ({
  game: c.game ?? null,
  setName: c.setName ?? null,
  setCode: c.setCode ?? null,
  cardNumber: c.cardNumber ?? null,
  rarity: c.rarity ?? null,
  finish: c.finish ?? null,
  language: c.language ?? null,
  gradingCompany: c.gradingCompany ?? null,
  // numeric(3,1): a number from an entity, a string in a plain row
  grade: c.grade == null ? null : Number(c.grade),
  certNumber: c.certNumber ?? null,
  externalIds: c.externalIds ?? null,
  lastEstimatedAt: c.lastEstimatedAt?.toISOString() ?? null,
  releaseDate: c.releaseDate ?? null,
  printRun: c.printRun ?? null,
  marketRegion: c.marketRegion ?? null,
  notes: c.notes ?? null,
});

/** The full item from its row, card details and gallery (in position order). */
export const itemDto = (i: ItemRow, cardDetails: CardDetailsRow | null | undefined, images: ImageRow[]): ItemOutput => ({
  id: i.id,
  vendorId: idOf(i.vendor),
  storeId: idOf(i.store),
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
  cardDetails: cardDetails ? toCardDetailsDto(cardDetails) : null,
  images: images.map((img) => ({ id: img.id, url: img.url, position: img.position, isPrimary: img.isPrimary })),
  version: i.version,
  createdBy: i.createdBy ? idOf(i.createdBy) : null,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

/** The full item of a managed entity (card details and images must be loaded). */
export const toItemDto = (i: IItem) => itemDto(i, i.cardDetails, i.images.getItems());

/** A ledger row, from the stock primitive or read as a plain row (the actor as its id). */
export type MovementRow = Pick<IStockMovement, 'id' | 'delta' | 'quantityBefore' | 'quantityAfter' | 'reason' | 'note' | 'reference' | 'createdAt'> & { actor?: Ref | null; actorId?: string | null };

export const toMovementDto = (m: MovementRow): MovementOutput => ({
  id: m.id,
  delta: m.delta,
  quantityBefore: m.quantityBefore,
  quantityAfter: m.quantityAfter,
  reason: m.reason,
  note: m.note ?? null,
  reference: m.reference ?? null,
  actorId: m.actorId ?? (m.actor ? idOf(m.actor) : null),
  createdAt: m.createdAt.toISOString(),
});

export const toPriceChangeDto = (c: IPriceChange): PriceChangeOutput => ({
  field: c.field,
  oldValue: c.oldValue ?? null,
  newValue: c.newValue,
  actorId: c.actor?.id ?? null,
  source: c.source,
  createdAt: c.createdAt.toISOString(),
});
