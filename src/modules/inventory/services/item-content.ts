import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { AppError, invalidField } from '../../../core/errors.js';
import type { IUser } from '../../identity/entities.js';
import { imageUrlProblem, type ImageUrlPolicy } from '../../media/url-policy.js';
import { attributeSchemas, genericAttributes, priceFields, type CardDetailsInput, type ItemCategory, type MovementReason } from '../contract.js';
import { CardDetails, ItemImage, PriceChange, StockMovement, type IItem } from '../entities.js';

/** Attributes are checked against the item's category (which an update may take from the stored item). */
export function validAttributes(category: ItemCategory, attributes: Record<string, unknown>): Record<string, unknown> {
  const parsed = (attributeSchemas[category] ?? genericAttributes).safeParse(attributes);
  if (parsed.success) return parsed.data;
  throw badInput(['attributes'], parsed.error);
}

function badInput(prefix: string[], error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)], message: i.message }));
  return new AppError('BAD_REQUEST', `Invalid input: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { issues });
}

export interface GalleryInput {
  images?: { url: string; isPrimary?: boolean }[];
  imageUrl?: string | null;
}

/**
 * The gallery an input asks for, or undefined to keep the current one. A bare `imageUrl` is a
 * gallery of one; with `images`, the flagged image (or the first) is primary and `imageUrl`, if
 * sent, must be that image.
 */
export function galleryOf(policy: ImageUrlPolicy, vendorId: string, input: GalleryInput) {
  if (input.images === undefined && input.imageUrl === undefined) return undefined;
  const images = input.images ?? (input.imageUrl ? [{ url: input.imageUrl, isPrimary: true }] : []);
  const path = input.images ? 'images' : 'imageUrl';
  images.forEach((image, index) => {
    const problem = imageUrlProblem(policy, vendorId, image.url);
    if (problem) throw invalidField(path === 'images' ? ['images', index, 'url'] : ['imageUrl'], problem);
  });
  const flagged = images.filter((image) => image.isPrimary).length;
  if (flagged > 1) throw invalidField(['images'], 'exactly one image can be primary');
  const primary = flagged ? images.findIndex((image) => image.isPrimary) : 0;
  const primaryUrl = images[primary]?.url ?? null;
  if (input.images && input.imageUrl !== undefined && input.imageUrl !== primaryUrl) {
    throw invalidField(['imageUrl'], 'must be the URL of the primary image');
  }
  return { imageUrl: primaryUrl, images: images.map((image, position) => ({ url: image.url, position, isPrimary: position === primary })) };
}

/**
 * Replaces the item's (loaded) gallery: the old rows are deleted, the new ones inserted on flush.
 * Answers the URLs that left the gallery, whose stored objects go once the write commits.
 */
export function replaceGallery(em: EntityManager, item: IItem, gallery: NonNullable<ReturnType<typeof galleryOf>>): string[] {
  const kept = new Set(gallery.images.map((image) => image.url));
  const dropped = item.images.getItems().map((image) => image.url).filter((url) => !kept.has(url));
  item.imageUrl = gallery.imageUrl;
  em.remove(item.images.getItems());
  item.images.set(gallery.images.map((image) => em.create(ItemImage, { item, ...image })));
  return dropped;
}

/** Merges card details into the item's (creating them), or removes them for `null`. */
export function applyCardDetails(em: EntityManager, item: IItem, details: CardDetailsInput | null) {
  if (details === null) {
    if (item.cardDetails) em.remove(item.cardDetails);
    item.cardDetails = null;
    return;
  }
  if (item.cardDetails) em.assign(item.cardDetails, details);
  else item.cardDetails = em.create(CardDetails, { item, ...details });
}

/** What items.list searches, kept lower-case next to the row so one trigram index serves it. */
export const searchTextOf = (item: IItem): string =>
  [item.name, item.sku, item.description, item.cardDetails?.setName].filter(Boolean).join(' ').toLowerCase();

/** One price-history row for each price field whose value differs from `before` (null: a new item). */
export function recordPriceChanges(em: EntityManager, item: IItem, before: Record<(typeof priceFields)[number], string> | null, actor: IUser) {
  for (const field of priceFields) {
    const oldValue = before?.[field] ?? null;
    if (oldValue === item[field] || (oldValue === null && item[field] === '0.00')) continue;
    em.create(PriceChange, { item, field, oldValue, newValue: item[field], actor, source: 'manual' });
  }
}

export interface MovementInput {
  quantityBefore: number;
  quantityAfter: number;
  reason: MovementReason;
  note?: string | null;
}

export const recordMovement = (em: EntityManager, item: IItem, actor: IUser, movement: MovementInput) =>
  em.create(StockMovement, {
    item,
    vendor: item.vendor,
    store: item.store,
    delta: movement.quantityAfter - movement.quantityBefore,
    actor,
    ...movement,
  });
