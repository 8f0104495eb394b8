import { z } from 'zod';
import { attributeSchemas, cardDetailsSchema, itemFields, type ItemCategory, type ItemOutput } from '@api/modules/inventory/contract';
import { numberText, optionalText } from '../lib/formSchemas';

/**
 * The item form's values are what the inputs hold (text); its schema checks them with the
 * contract's field schemas and answers the API's input. Field names follow the API's paths
 * ("cardDetails.grade", "attributes.platform"), so the server's issues land on the right field.
 */
export const cardCategories: readonly ItemCategory[] = ['trading_card', 'sports_card'];
const card = cardDetailsSchema.shape;
const optionalChoice = <T extends z.ZodType>(schema: T) =>
  z.string().transform((value) => value || null).pipe(schema as z.ZodType<z.output<T>, string | null>);

const cardForm = z.object({
  game: optionalText(card.game),
  setName: optionalText(card.setName),
  setCode: optionalText(card.setCode),
  cardNumber: optionalText(card.cardNumber),
  rarity: optionalText(card.rarity),
  finish: optionalChoice(card.finish),
  language: optionalText(card.language),
  gradingCompany: optionalChoice(card.gradingCompany),
  grade: numberText(card.grade),
  certNumber: optionalText(card.certNumber),
  releaseDate: optionalText(card.releaseDate),
  printRun: numberText(card.printRun),
  marketRegion: optionalText(card.marketRegion),
  notes: optionalText(card.notes),
});
export type CardFormValues = z.input<typeof cardForm>;

/** The category-specific attributes the form has fields for (the contract's per-category schemas). */
export const attributeFields = {
  video_game: ['platform', 'region', 'completeness', 'genre'],
  apparel: ['size', 'color', 'material', 'brand'],
} as const satisfies Partial<Record<ItemCategory, readonly string[]>>;
const hasAttributeFields = (category: ItemCategory): category is keyof typeof attributeFields => category in attributeFields;
type AttributeKey = (typeof attributeFields)[keyof typeof attributeFields][number];

const imagesField = z.array(z.object({ url: z.string(), isPrimary: z.boolean() }));

export const itemFormSchema = z
  .object({
    name: itemFields.name,
    sku: itemFields.sku,
    storeId: z.string().min(1, 'choose a store').pipe(itemFields.storeId),
    category: itemFields.category,
    condition: optionalText(itemFields.condition),
    description: optionalText(itemFields.description),
    quantity: numberText(itemFields.quantity, true),
    intakePrice: itemFields.intakePrice,
    price: itemFields.price,
    projectedPrice: itemFields.projectedPrice,
    // Checked below for the chosen category only: fields of another category never block a save.
    cardDetails: z.record(z.string(), z.string()),
    attributes: z.record(z.string(), z.string()),
    images: imagesField,
  })
  .transform(({ cardDetails, attributes, ...item }, ctx) => {
    const issuesAt = (prefix: string, error: z.ZodError) => {
      for (const issue of error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [prefix, ...issue.path] });
    };
    let details: z.output<typeof cardForm> | null = null;
    if (cardCategories.includes(item.category)) {
      const parsed = cardForm.safeParse(cardDetails);
      if (parsed.success) details = parsed.data;
      else issuesAt('cardDetails', parsed.error);
    }
    let attrs: Record<string, unknown> | undefined;
    if (hasAttributeFields(item.category)) {
      const given = Object.fromEntries(attributeFields[item.category].map((key) => [key, attributes[key]?.trim()]).filter(([, v]) => v));
      const parsed = attributeSchemas[item.category]!.safeParse(given);
      if (parsed.success) attrs = parsed.data;
      else issuesAt('attributes', parsed.error);
    }
    return { ...item, cardDetails: details, attributes: attrs };
  });

export type ItemFormValues = z.input<typeof itemFormSchema>;
export type ItemFormOutput = z.output<typeof itemFormSchema>;

const emptyCard: CardFormValues = {
  game: '', setName: '', setCode: '', cardNumber: '', rarity: '', finish: '', language: '',
  gradingCompany: '', grade: '', certNumber: '', releaseDate: '', printRun: '', marketRegion: '', notes: '',
};
const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** The form's values for a new item (in `storeId`) or for an existing one. */
export function itemFormValues(item: ItemOutput | null, storeId: string): ItemFormValues {
  const details = item?.cardDetails;
  const attributes = Object.fromEntries(
    Object.values(attributeFields).flat().map((key: AttributeKey) => [key, text(item?.attributes[key] as string | undefined)]),
  );
  return {
    name: item?.name ?? '',
    sku: item?.sku ?? '',
    storeId: item?.storeId ?? storeId,
    category: item?.category ?? 'trading_card',
    condition: item?.condition ?? '',
    description: item?.description ?? '',
    quantity: text(item?.quantity ?? 1),
    intakePrice: item?.intakePrice ?? '0.00',
    price: item?.price ?? '0.00',
    projectedPrice: item?.projectedPrice ?? '0.00',
    cardDetails: details
      ? (Object.fromEntries(Object.keys(emptyCard).map((key) => [key, text(details[key as keyof typeof details] as string | number | null)])) as CardFormValues)
      : emptyCard,
    attributes,
    images: item?.images.map(({ url, isPrimary }) => ({ url, isPrimary })) ?? [],
  };
}
