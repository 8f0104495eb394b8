import { unsafeSql, type Sql } from '../../../db/sql.js';

/**
 * An item as the API's JSON (`ItemOutput`, the shape `itemDto` builds), built by PostgreSQL from
 * the items row `alias` with its card details and gallery: items.list and items.get read their
 * answer in the statement that checks the caller, and Node only parses it. Money leaves as text
 * with its two places, timestamps as ISO-8601 UTC with milliseconds (what `Date#toISOString` gives),
 * `grade` (numeric(3,1)) as a number, dates as `YYYY-MM-DD`.
 */
const isoInstant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const cardDetailsJson = (item: string) => `(select json_build_object(
    'game', c.game, 'setName', c.set_name, 'setCode', c.set_code, 'cardNumber', c.card_number, 'rarity', c.rarity,
    'finish', c.finish, 'language', c.language, 'gradingCompany', c.grading_company, 'grade', c.grade,
    'certNumber', c.cert_number, 'externalIds', c.external_ids, 'lastEstimatedAt', ${isoInstant('c.last_estimated_at')},
    'releaseDate', c.release_date, 'printRun', c.print_run, 'marketRegion', c.market_region, 'notes', c.notes)
   from card_details c where c.item_id = ${item}.id)`;

const imagesJson = (item: string) => `coalesce((select json_agg(json_build_object('id', g.id, 'url', g.url, 'position', g.position, 'isPrimary', g.is_primary) order by g.position)
   from item_images g where g.item_id = ${item}.id), '[]'::json)`;

export const itemJsonSql = (item: string): Sql => unsafeSql(`json_build_object(
    'id', ${item}.id, 'vendorId', ${item}.vendor_id, 'storeId', ${item}.store_id, 'name', ${item}.name, 'sku', ${item}.sku,
    'description', ${item}.description, 'category', ${item}.category, 'condition', ${item}.condition, 'status', ${item}.status,
    'quantity', ${item}.quantity, 'intakePrice', ${item}.intake_price::text, 'price', ${item}.price::text,
    'projectedPrice', ${item}.projected_price::text, 'imageUrl', ${item}.image_url, 'attributes', ${item}.attributes,
    'cardDetails', ${cardDetailsJson(item)}, 'images', ${imagesJson(item)}, 'version', ${item}.version,
    'createdBy', ${item}.created_by_id, 'createdAt', ${isoInstant(`${item}.created_at`)}, 'updatedAt', ${isoInstant(`${item}.updated_at`)})`);
