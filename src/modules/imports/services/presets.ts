import { nativeColumns, tcgplayerColumns } from '../../../contract/csv.js';
import type { ImportPreset, MappableField } from '../contract.js';
import { ImportFileError } from './csv-reader.js';

/** A row's values by item field, before validation: text as in the file (trimmed later), or already typed by a preset. */
export type RawRow = Partial<Record<MappableField, unknown>>;

/** Turns one record into a raw row; `columnOf` names the CSV column a field came from (for errors). */
export interface RowReader {
  read(cells: string[]): { row: RawRow; problems: { field: MappableField; message: string }[] };
  columnOf(field: MappableField): string;
}

const TCG_REQUIRED = ['TCGplayer Id', 'Product Name', 'Condition'] as const;

/** The columns each preset cannot do without (a missing one fails the file at once). */
export const requiredColumns: Record<Exclude<ImportPreset, 'custom'>, readonly string[]> = {
  native: ['sku', 'name'],
  tcgplayer: TCG_REQUIRED,
};

/**
 * The reader of a file's rows for a preset and its header. `native` reads the columns named like
 * the fields (src/contract/csv.ts; others are ignored); `custom` reads the columns its mapping
 * names; `tcgplayer` reads TCGplayer's seller inventory export, and a mapping may add or override
 * columns (e.g. `{ "SKU": "sku" }`).
 */
export function readerFor(preset: ImportPreset, mapping: Record<string, MappableField> | null, header: string[]): RowReader {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name.trim())) index.set(name.trim(), i);
  });
  const missing = (columns: readonly string[]) => columns.filter((column) => !index.has(column));
  const mapped = Object.entries(mapping ?? {}) as [string, MappableField][];
  const absent = [...(preset === 'custom' ? [] : requiredColumns[preset]), ...mapped.map(([column]) => column)];
  const gone = missing(absent);
  if (gone.length) {
    throw new ImportFileError(`The file has no ${gone.map((c) => `"${c}"`).join(', ')} column${gone.length > 1 ? 's' : ''} (the ${preset} preset needs ${gone.length > 1 ? 'them' : 'it'}); the header is line 1`);
  }
  const fieldColumns: [MappableField, string][] =
    preset === 'native' ? nativeColumns.filter((column) => index.has(column)).map((column) => [column, column]) : [];
  for (const [column, field] of mapped) fieldColumns.push([field, column]);
  const byField = new Map(fieldColumns.map(([field, column]) => [field, index.get(column)!]));
  const columnByField = new Map(fieldColumns);

  const readMapped = (cells: string[], row: RawRow) => {
    for (const [field, i] of byField) {
      const cell = cells[i];
      if (cell !== undefined && cell !== '') row[field] = cell;
    }
  };
  if (preset !== 'tcgplayer') {
    return {
      read(cells) {
        const row: RawRow = {};
        readMapped(cells, row);
        return { row, problems: [] };
      },
      columnOf: (field) => columnByField.get(field) ?? field,
    };
  }
  const cellOf = (cells: string[], column: (typeof tcgplayerColumns)[number]) => {
    const i = index.get(column);
    const cell = i === undefined ? undefined : cells[i]?.trim();
    return cell === '' ? undefined : cell;
  };
  return {
    read(cells) {
      const problems: { field: MappableField; message: string }[] = [];
      const id = cellOf(cells, 'TCGplayer Id');
      const row: RawRow = {
        sku: id === undefined ? undefined : `TCG-${id}`,
        name: cellOf(cells, 'Product Name'),
        category: 'trading_card',
        game: cellOf(cells, 'Product Line'),
        setName: cellOf(cells, 'Set Name'),
        cardNumber: cellOf(cells, 'Number'),
        rarity: cellOf(cells, 'Rarity'),
        price: dollars(cellOf(cells, 'TCG Market Price')),
        projectedPrice: dollars(cellOf(cells, 'TCG Marketplace Price')),
        imageUrl: cellOf(cells, 'Photo URL'),
      };
      if (id !== undefined) row.externalIds = { tcgplayer: /^\d{1,15}$/.test(id) ? Number(id) : id };
      const total = cellOf(cells, 'Total Quantity');
      const added = cellOf(cells, 'Add to Quantity');
      if (total !== undefined || added !== undefined) {
        const [a, b] = [wholeNumber(total ?? '0'), wholeNumber(added ?? '0')];
        if (a === null || b === null) problems.push({ field: 'quantity', message: 'must be a whole number' });
        else row.quantity = a + b;
      }
      const condition = cellOf(cells, 'Condition');
      if (condition !== undefined) {
        const parsed = parseTcgCondition(condition);
        if (typeof parsed === 'string') problems.push({ field: 'condition', message: parsed });
        else Object.assign(row, parsed);
      }
      readMapped(cells, row);
      return { row, problems };
    },
    columnOf(field) {
      const own = columnByField.get(field);
      if (own) return own;
      return tcgColumnOf[field] ?? field;
    },
  };
}

const tcgColumnOf: Partial<Record<MappableField, string>> = {
  sku: 'TCGplayer Id', externalIds: 'TCGplayer Id', name: 'Product Name', game: 'Product Line', setName: 'Set Name',
  cardNumber: 'Number', rarity: 'Rarity', price: 'TCG Market Price', projectedPrice: 'TCG Marketplace Price',
  imageUrl: 'Photo URL', quantity: 'Total Quantity', condition: 'Condition', finish: 'Condition', language: 'Condition',
};

const wholeNumber = (cell: string): number | null => (/^[+-]?\d{1,10}$/.test(cell) ? Number(cell) : null);
/** TCGplayer writes plain decimals; a leading `$` is forgiven. */
const dollars = (cell: string | undefined) => (cell?.startsWith('$') ? cell.slice(1) : cell);

/** Conditions in TCGplayer's words, from the common aliases (any case, dots and spaces ignored). */
const conditionAliases: Record<string, string> = {
  nm: 'Near Mint', nearmint: 'Near Mint',
  lp: 'Lightly Played', lightlyplayed: 'Lightly Played',
  mp: 'Moderately Played', moderatelyplayed: 'Moderately Played',
  hp: 'Heavily Played', heavilyplayed: 'Heavily Played',
  dmg: 'Damaged', damaged: 'Damaged',
};
const aliasKey = (text: string) => text.toLowerCase().replace(/[.\s_-]/g, '');

/** A known alias becomes its name in TCGplayer's words; any other condition stays as written ("CIB"). */
export const normalisedCondition = (condition: string): string => conditionAliases[aliasKey(condition)] ?? condition;

const printings: Record<string, string> = {
  '': 'normal',
  holofoil: 'holofoil',
  foil: 'holofoil',
  reverseholofoil: 'reverse_holofoil',
  '1stedition': 'first_edition',
  '1steditionholofoil': 'first_edition_holofoil',
  unlimited: 'unlimited',
  unlimitedholofoil: 'holofoil',
};

/**
 * TCGplayer's Condition column: a condition, then the printing, then optionally ` - <Language>`
 * (`Near Mint Holofoil`, `Lightly Played Reverse Holofoil - Japanese`, `NM 1st Edition`).
 * Returns the fields, or why the cell is not one.
 */
export function parseTcgCondition(cell: string): { condition: string; finish: string; language: string } | string {
  const dash = cell.lastIndexOf(' - ');
  const language = dash >= 0 ? cell.slice(dash + 3).trim() : 'English';
  const rest = (dash >= 0 ? cell.slice(0, dash) : cell).trim();
  const words = rest.split(/\s+/);
  for (let take = Math.min(words.length, 2); take >= 1; take--) {
    const condition = conditionAliases[aliasKey(words.slice(0, take).join(' '))];
    if (!condition) continue;
    const printing = aliasKey(words.slice(take).join(' '));
    const finish = printings[printing];
    if (!finish) return `has an unknown printing "${words.slice(take).join(' ')}"`;
    if (!language) return 'has an empty language after " - "';
    return { condition, finish, language };
  }
  return `does not start with a condition (Near Mint, Lightly Played, Moderately Played, Heavily Played, Damaged): "${cell}"`;
}
