import { uuidV7Sql } from '../../../db/sql.js';
/**
 * What an import does, as SQL over its staging table: each valid row matched to the vendor's item
 * by SKU (case-insensitive), the merged values it would store (a field not in the file keeps the
 * stored value, or the default for a new item), and what changes. A dry run counts this plan, and
 * apply writes exactly it, so the two cannot disagree.
 */

/** staging column → [items column, default for a new item (SQL)]; quantity goes through the stock primitive. */
const itemColumns: [string, string][] = [
  ['name', 'null'], ['description', 'null'], ['category', "'other'"], ['condition', 'null'], ['status', "'active'"],
  ['image_url', 'null'], ['intake_price', '0'], ['price', '0'], ['projected_price', '0'], ['attributes', "'{}'::jsonb"],
];
const cardColumns = [
  'game', 'set_name', 'set_code', 'card_number', 'rarity', 'finish', 'language', 'grading_company', 'grade', 'cert_number',
  'external_ids', 'last_estimated_at', 'release_date', 'print_run', 'market_region', 'notes',
];
export const cardColumnList = cardColumns.join(', ');
export const itemWriteColumns = [...itemColumns.map(([c]) => c), 'store_id'];

const differs = (column: string, stored: string) => `(s.${column} is not null and s.${column} is distinct from ${stored}.${column})`;

/**
 * The plan: one row per staged row, with `creating`, `item_changed`, `card_changed`,
 * `quantity_changed`, `image_changed`, the item's id (a new v7 id for a new item) and every merged
 * value. `at` names the placeholders of the default store (for new items without a store) and the
 * vendor: `?` for MikroORM (in that order), `$n` for pg.
 */
export const planSql = (staging: string, at: { defaultStore: string; vendor: string }) => `
  select s.line, i.id is null as creating, coalesce(i.id, ${uuidV7Sql}) as item_id, c.id as card_id,
    coalesce(i.sku, s.sku) as sku,
    ${itemColumns.map(([column, fallback]) => `coalesce(s.${column}, i.${column}, ${fallback}) as ${column}`).join(',\n    ')},
    coalesce(s.store_id, i.store_id, ${at.defaultStore}::uuid) as store_id,
    i.intake_price as old_intake_price, i.price as old_price, i.projected_price as old_projected_price,
    coalesce(i.quantity, 0) as old_quantity, coalesce(s.quantity, i.quantity, 0) as quantity,
    ${cardColumns.map((column) => `coalesce(s.${column}, c.${column}) as ${column}`).join(', ')},
    i.id is not null and (${[...itemColumns.map(([column]) => differs(column, 'i')), differs('store_id', 'i')].join(' or ')}) as item_changed,
    s.has_card and (c.id is null or ${cardColumns.map((column) => differs(column, 'c')).join(' or ')}) as card_changed,
    s.quantity is not null and s.quantity <> coalesce(i.quantity, 0) as quantity_changed,
    ${differs('image_url', 'i')} as image_changed
  from ${staging} s
  left join items i on i.vendor_id = ${at.vendor}::uuid and lower(i.sku) = lower(s.sku)
  left join card_details c on c.item_id = i.id`;

/** Counts of a plan (a table or a subquery named `p`). */
export const countsSql = (plan: string) => `
  select count(*) filter (where p.creating)::int as "create",
         count(*) filter (where not p.creating and (p.item_changed or p.card_changed or p.quantity_changed))::int as "update",
         count(*) filter (where not p.creating and not (p.item_changed or p.card_changed or p.quantity_changed))::int as "unchanged"
    from ${plan} p`;
