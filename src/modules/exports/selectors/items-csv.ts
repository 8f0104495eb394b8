import type { EntityManager } from '@mikro-orm/postgresql';
import { nativeColumns, tcgplayerColumns, type CsvPreset } from '../../../contract/csv.js';
import { escapeFormulaCell as text } from '../../../contract/csv-cells.js';
import { notFound } from '../../../core/errors.js';
import { sql, sqlArray, unsafeSql } from '../../../db/sql.js';
import { itemConditions, itemOrderSql } from '../../inventory/selectors/list-items.js';
import type { VendorActor } from '../../inventory/services/item-access.js';
import { Store } from '../../vendors/entities.js';
import { canReadStore, readableStoreIds, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { ExportItemsQuery } from '../contract.js';

/** Rows fetched per round trip of the cursor: memory stays at one chunk whatever the export's size. */
export const EXPORT_CHUNK_ROWS = 1000;

/** One item with its store's slug and card details, as the export reads it: every value as text or null. */
interface ItemCsvRow {
  sku: string;
  name: string;
  category: string;
  condition: string | null;
  status: string;
  store: string;
  quantity: number;
  intakePrice: string;
  price: string;
  projectedPrice: string;
  description: string | null;
  imageUrl: string | null;
  attributes: Record<string, unknown>;
  game: string | null;
  setName: string | null;
  setCode: string | null;
  cardNumber: string | null;
  rarity: string | null;
  finish: string | null;
  language: string | null;
  gradingCompany: string | null;
  grade: string | null;
  certNumber: string | null;
  externalIds: Record<string, string | number> | null;
  lastEstimatedAt: string | null;
  releaseDate: string | null;
  printRun: number | null;
  marketRegion: string | null;
  notes: string | null;
}

// Money and numbers leave PostgreSQL as text (exact: "12.50", a grade "9.5"), dates as ISO 8601.
const SELECT = unsafeSql(`i.sku, i.name, i.category, i.condition, i.status, st.slug as store, i.quantity,
  i.intake_price::text as "intakePrice", i.price::text as price, i.projected_price::text as "projectedPrice",
  i.description, i.image_url as "imageUrl", i.attributes,
  cd.game, cd.set_name as "setName", cd.set_code as "setCode", cd.card_number as "cardNumber", cd.rarity, cd.finish::text as finish,
  cd.language, cd.grading_company::text as "gradingCompany", trim_scale(cd.grade)::text as grade, cd.cert_number as "certNumber",
  cd.external_ids as "externalIds",
  to_char(cd.last_estimated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastEstimatedAt",
  to_char(cd.release_date, 'YYYY-MM-DD') as "releaseDate", cd.print_run as "printRun", cd.market_region as "marketRegion", cd.notes`);

/**
 * The items an export covers: exactly items.list's filters and order (the vendor's items in the
 * stores the actor reads), as one query read through a server-side cursor, EXPORT_CHUNK_ROWS at a
 * time. A `storeId` that is not one of the vendor's stores the actor reads is NOT_FOUND, before
 * anything is sent. The cursor holds one pooled connection until the last row is read or the
 * iteration is stopped (a client that goes away stops it).
 */
export async function itemsForExport(em: EntityManager, actor: VendorActor, q: ExportItemsQuery): Promise<AsyncIterable<ItemCsvRow>> {
  const scope = await storeScopeOf(em, actor.member);
  if (q.storeId !== undefined) {
    const ours = await em.count(Store, { id: q.storeId, vendor: actor.vendor });
    if (!ours || !canReadStore(scope, q.storeId)) throw notFound('Store');
  }
  const where = itemConditions(q, { vendorId: sql`${actor.vendor.id}::uuid`, lowStockThreshold: sql`${actor.vendor.lowStockThreshold}` });
  const stores = readableStoreIds(scope);
  const statement = sql`select ${SELECT} from items i join stores st on st.id = i.store_id left join card_details cd on cd.item_id = i.id
    where ${where}${stores ? sql` and i.store_id = any(${sqlArray(stores)}::uuid[])` : unsafeSql('')}
    order by ${itemOrderSql(q.sort, q.order)}`;
  return em.getConnection().stream<ItemCsvRow>(statement.text, [...statement.params], em.getTransactionContext(), undefined, EXPORT_CHUNK_ROWS);
}

const json = (value: object | null) => (value === null ? null : JSON.stringify(value));

/** `native`: src/contract/csv.ts's columns, each as the native import reads it back. */
function nativeRecord(r: ItemCsvRow): (string | number | null)[] {
  return [
    text(r.sku), text(r.name), r.category, r.condition && text(r.condition), r.status, text(r.store), r.quantity,
    r.intakePrice, r.price, r.projectedPrice, r.description && text(r.description), r.imageUrl && text(r.imageUrl), json(r.attributes),
    r.game && text(r.game), r.setName && text(r.setName), r.setCode && text(r.setCode), r.cardNumber && text(r.cardNumber),
    r.rarity && text(r.rarity), r.finish, r.language && text(r.language), r.gradingCompany, r.grade, r.certNumber && text(r.certNumber),
    json(r.externalIds), r.lastEstimatedAt, r.releaseDate, r.printRun, r.marketRegion && text(r.marketRegion), r.notes && text(r.notes),
  ];
}

/** The printing words TCGplayer puts after the condition, the inverse of the tcgplayer import's mapping (normal: none). */
export const tcgplayerPrintings: Record<string, string> = {
  holofoil: 'Holofoil',
  reverse_holofoil: 'Reverse Holofoil',
  first_edition: '1st Edition',
  first_edition_holofoil: '1st Edition Holofoil',
  unlimited: 'Unlimited',
};

const TCG_SKU = /^TCG-(\d+)$/i;

/** The TCGplayer id: `cardDetails.externalIds.tcgplayer`, else the number of a `TCG-<id>` SKU. */
const tcgplayerIdOf = (r: ItemCsvRow): string | null => {
  const id = r.externalIds?.tcgplayer;
  return id !== undefined && id !== null && id !== '' ? String(id) : (TCG_SKU.exec(r.sku)?.[1] ?? null);
};

/** "Near Mint Holofoil - Japanese": condition, printing, and the language unless English. */
export function tcgplayerCondition(condition: string | null, finish: string | null, language: string | null): string {
  const words = [condition, finish ? tcgplayerPrintings[finish] : undefined].filter(Boolean).join(' ');
  return language && language.toLowerCase() !== 'english' ? `${words} - ${language}` : words;
}

/** `tcgplayer`: TCGplayer's seller inventory columns (Title and TCG Low Price we do not keep: empty). */
function tcgplayerRecord(r: ItemCsvRow): (string | number | null)[] {
  return [
    tcgplayerIdOf(r), r.game && text(r.game), r.setName && text(r.setName), text(r.name), null, r.cardNumber && text(r.cardNumber),
    r.rarity && text(r.rarity), text(tcgplayerCondition(r.condition, r.finish, r.language)), r.price, null, r.quantity, 0,
    r.projectedPrice, r.imageUrl && text(r.imageUrl),
  ];
}

export const itemPresets: Record<CsvPreset, { columns: readonly string[]; record: (row: ItemCsvRow) => (string | number | null)[] }> = {
  native: { columns: nativeColumns, record: nativeRecord },
  tcgplayer: { columns: tcgplayerColumns, record: tcgplayerRecord },
};
