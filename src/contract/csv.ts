/**
 * The CSV column sets shared by imports and exports (`preset`), so that a `native` export imports
 * back unchanged. Header names are exact; cells are text: money as decimal strings ("12.50"),
 * `store` as the store's slug (empty on import: the default store), `attributes` and
 * `externalIds` as compact JSON, dates as ISO 8601, an empty cell as no value.
 */
export const csvPresets = ['native', 'tcgplayer'] as const;
export type CsvPreset = (typeof csvPresets)[number];

export const nativeColumns = [
  'sku', 'name', 'category', 'condition', 'status', 'store', 'quantity', 'intakePrice', 'price', 'projectedPrice',
  'description', 'imageUrl', 'attributes',
  // card details
  'game', 'setName', 'setCode', 'cardNumber', 'rarity', 'finish', 'language', 'gradingCompany', 'grade', 'certNumber',
  'externalIds', 'lastEstimatedAt', 'releaseDate', 'printRun', 'marketRegion', 'notes',
] as const;

/** TCGplayer's seller inventory export, in its order. */
export const tcgplayerColumns = [
  'TCGplayer Id', 'Product Line', 'Set Name', 'Product Name', 'Title', 'Number', 'Rarity', 'Condition',
  'TCG Market Price', 'TCG Low Price', 'Total Quantity', 'Add to Quantity', 'TCG Marketplace Price', 'Photo URL',
] as const;
