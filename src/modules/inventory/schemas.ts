import { z } from 'zod';
import { idSchema } from '../../core/ids.js';
import { moneySchema } from '../../core/money.js';
import { cardFinishes, gradingCompanies, itemCategories, type ItemCategory } from './entities.js';

const text = (max: number) => z.string().trim().max(max);
const label = (max: number) => z.string().trim().min(1).max(max);

/** Attributes per category; categories without a schema take a small flat object. */
const completeness = ['loose', 'cib', 'sealed', 'box_manual'] as const;
export const attributeSchemas: Partial<Record<ItemCategory, z.ZodType<Record<string, unknown>>>> = {
  video_game: z
    .object({ platform: label(100), region: label(50), completeness: z.enum(completeness), genre: label(100) })
    .partial()
    .strict(),
  apparel: z.object({ size: label(20), color: label(50), material: label(100), brand: label(100) }).partial().strict(),
};
export const genericAttributes = z
  .record(label(50), z.union([text(500), z.number(), z.boolean()]))
  .refine((attributes) => Object.keys(attributes).length <= 30, 'at most 30 attributes');

/** Every card field is optional, and null clears it on update (cardDetails merge). */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
export const cardDetailsSchema = z
  .object({
    game: clearable(text(100)),
    setName: clearable(text(255)),
    setCode: clearable(text(50)),
    cardNumber: clearable(text(50)),
    rarity: clearable(text(100)),
    finish: clearable(z.enum(cardFinishes)),
    language: clearable(text(50)),
    gradingCompany: clearable(z.enum(gradingCompanies)),
    grade: clearable(z.number().min(0).max(10).multipleOf(0.5)),
    certNumber: clearable(text(50)),
    externalIds: clearable(z.record(label(50), z.union([text(200), z.number()]))),
    lastEstimatedAt: clearable(z.iso.datetime({ offset: true }).transform((value) => new Date(value))),
    releaseDate: clearable(z.iso.date()),
    printRun: clearable(z.number().int().min(0).max(100_000_000)),
    marketRegion: clearable(text(50)),
    notes: clearable(text(5000)),
  })
  .strict();
export type CardDetailsInput = z.output<typeof cardDetailsSchema>;

export const MAX_IMAGES = 6;
export const imagesSchema = z
  .array(z.object({ url: z.string().trim().min(1).max(2048), isPrimary: z.boolean().optional() }).strict())
  .max(MAX_IMAGES);

/** The writable fields of an item, shared by create and update. */
export const itemFields = {
  name: label(255),
  sku: label(64),
  storeId: idSchema,
  description: text(10_000).nullable(),
  category: z.enum(itemCategories),
  condition: text(100).nullable(),
  quantity: z.number().int().min(0).max(1_000_000),
  intakePrice: moneySchema,
  price: moneySchema,
  projectedPrice: moneySchema,
  imageUrl: z.string().trim().max(2048).nullable(),
  attributes: z.record(z.string(), z.unknown()),
  cardDetails: cardDetailsSchema.nullable(),
  images: imagesSchema,
};

export const itemIdInput = z.object({ id: idSchema }).strict();
