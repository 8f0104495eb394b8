// Large datasets for the benchmark: `npx tsx scripts/seed-scale.ts --items 100000 --vendors 10`
// creates <vendors> vendors (owner scale-owner-<n>@example.test, password below), each with two
// stores and <items> items, card details for the cards, one image for half of the items and an
// intake movement per stocked item. Rows are built by set-based INSERT ... SELECT generate_series,
// one statement per table and vendor, never one ORM flush per row. Vendor 1 is the benchmark target.
import type { EntityManager } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { register } from '../src/modules/identity/services/register.js';
import { Store } from '../src/modules/vendors/entities.js';
import { createStore } from '../src/modules/vendors/services/stores.js';
import { systemWriteContext } from '../src/db/write.js';
import { repairTotals } from '../src/modules/inventory/services/totals.js';
import type { AppServices } from '../src/services.js';
import { SCALE_PASSWORD } from './seed-scale-constants.js';
import { withRuntime } from '../src/runtime.js';
import { intFlag } from './support/flags.js';
import { progressBar, seconds, step } from './support/progress.js';
import { exitWithError } from './support/exit.js';


const words = (list: string) => `array[${list.split(',').map((w) => `'${w.trim()}'`).join(', ')}]`;
const pick = (list: string, seed: string) => `(${words(list)})[1 + (${seed}) % ${list.split(',').length}]`;
const CATEGORIES = 'trading_card, trading_card, trading_card, sports_card, sports_card, video_game, sealed_product, apparel, console, accessory';
const ADJECTIVES = 'Shiny, Holo, Golden, Shadow, Ancient, Dark, Crystal, Radiant, Mystic, Legendary, Vintage, Rare, Promo, Alpha, Prime';
const NOUNS = 'Charizard, Pikachu, Mewtwo, Black Lotus, Lightning Bolt, Jordan Rookie, Griffey Jr, Zelda, Mario Kart, Booster Box, Hoodie, Sleeves, Playmat, Gengar, Blastoise, Serra Angel, Brady Prizm, Chrono Trigger, Elite Trainer Box, Snapback';
const SETS = 'Base Set, Jungle, Fossil, Team Rocket, Evolving Skies, Alpha, Beta, Unlimited, Revised, Topps Chrome, Prizm, Upper Deck';
const CONDITIONS = 'Near Mint, Lightly Played, Moderately Played, Graded, CIB, Loose, Sealed, New';

/** The items of one vendor, spread over its two stores, created a second apart (millisecond precision). */
const itemsSql = `
  insert into items (id, vendor_id, store_id, created_by_id, name, sku, description, category, condition, status,
    image_url, quantity, intake_price, price, projected_price, attributes, search_text, version, created_at, updated_at)
  select id, ?, case when g % 3 = 0 then ?::uuid else ?::uuid end, ?, name, sku, description, category, condition,
    case when g % 19 = 0 then 'archived' else 'active' end,
    case when g % 2 = 0 then 'https://images.example.test/' || sku || '.jpg' end,
    g % 25, cost, round(cost * 1.4, 2), round(cost * 1.6, 2), '{}',
    lower(name || ' ' || sku || ' ' || description || ' ' || set_name), 1, created, created
  from (
    select g, gen_random_uuid() as id,
      ${pick(ADJECTIVES, 'g / 7')} || ' ' || ${pick(NOUNS, 'g')} || ' ' || g as name,
      'SC-' || lpad(g::text, 8, '0') as sku,
      'Stock item number ' || g as description,
      ${pick(SETS, 'g / 3')} as set_name,
      ${pick(CATEGORIES, 'g / 11')} as category,
      ${pick(CONDITIONS, 'g / 5')} as condition,
      round((1 + (g::bigint * 7919) % 50000 / 100.0)::numeric, 2) as cost,
      date_trunc('milliseconds', now() - make_interval(secs => g)) as created
    from generate_series(?::int, ?::int) as g
  ) rows`;

/** Items go in chunks of this many rows, so a large vendor's load shows progress. */
const ITEMS_PER_STATEMENT = 100_000;

const cardDetailsSql = `
  insert into card_details (id, item_id, game, set_name, card_number, language, grading_company, grade, cert_number)
  select gen_random_uuid(), i.id,
    case when i.category = 'sports_card' then 'Baseball' else ${pick('Pokemon, Magic, Yu-Gi-Oh', 'abs(hashtext(i.sku))')} end,
    ${pick(SETS, 'abs(hashtext(i.name))')}, (abs(hashtext(i.sku)) % 300)::text, ${pick('English, Japanese, German', 'abs(hashtext(i.sku))')},
    case when abs(hashtext(i.sku)) % 4 = 0 then ${pick('PSA, BGS, CGC', 'abs(hashtext(i.name))')} end,
    case when abs(hashtext(i.sku)) % 4 = 0 then 7 + abs(hashtext(i.name)) % 7 * 0.5 end,
    case when abs(hashtext(i.sku)) % 4 = 0 then (10000000 + abs(hashtext(i.sku)) % 89999999)::text end
  from items i where i.vendor_id = ? and i.category in ('trading_card', 'sports_card')`;

const imagesSql = `
  insert into item_images (id, item_id, url, position, is_primary)
  select gen_random_uuid(), id, image_url, 0, true from items where vendor_id = ? and image_url is not null`;

const movementsSql = `
  insert into stock_movements (id, item_id, vendor_id, store_id, delta, quantity_before, quantity_after, reason, actor_id, created_at)
  select gen_random_uuid(), id, vendor_id, store_id, quantity, 0, quantity, 'intake', created_by_id, created_at
  from items where vendor_id = ? and quantity > 0`;

async function seedVendor(em: EntityManager, items: number, vendorId: string, storeIds: [string, string], ownerId: string, advance: (items: number) => void) {
  for (let first = 1; first <= items; first += ITEMS_PER_STATEMENT) {
    const last = Math.min(items, first + ITEMS_PER_STATEMENT - 1);
    await em.execute(itemsSql, [vendorId, storeIds[1], storeIds[0], ownerId, first, last], 'run');
    advance(last - first + 1);
  }
  for (const sql of [cardDetailsSql, imagesSql, movementsSql]) await em.execute(sql, [vendorId], 'run');
}

const bulkTables = ['items', 'card_details', 'item_images', 'stock_movements'];

/**
 * Bulk loads run without the secondary indexes of the loaded tables (dropped, then rebuilt once
 * from their own definitions) and without foreign-key triggers (the generated rows reference rows
 * this script just made): maintaining eleven indexes and four foreign keys row by row is what
 * makes a million-row load slow. Meant for a dedicated benchmark database, as a superuser.
 * The replica role also skips the inventory totals' triggers: buildScaleDataset recomputes the
 * totals after the load.
 */
async function bulkLoad<T>(em: EntityManager, units: T[], itemsPerUnit: number, loadOne: (tx: EntityManager, unit: T, advance: (items: number) => void) => Promise<void>) {
  const indexes = await em.execute<{ indexname: string; indexdef: string }[]>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in (${bulkTables.map((t) => `'${t}'`).join(', ')})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const { indexname } of indexes) await em.execute(`drop index "${indexname}"`, [], 'run');
  // Two connections for two cores: the units alternate between them.
  const halves = [units.filter((_, i) => i % 2 === 0), units.filter((_, i) => i % 2 === 1)];
  const bar = progressBar('loading', units.length * itemsPerUnit, 'items');
  try {
    await Promise.all(halves.map((half) =>
      em.fork().transactional(async (tx) => {
        await tx.execute('set local session_replication_role = replica', [], 'run');
        // A bulk load is long work by design: no statement timeout (on a busy machine a vendor's rows take more than 30 s).
        await tx.execute('set local statement_timeout = 0', [], 'run');
        for (const unit of half) {
          await loadOne(tx, unit, (items) => bar.advance(items));
        }
      }),
    ));
  } finally {
    bar.done();
    // The trigram index alone costs about as much as all the others together.
    const isGin = (def: string) => def.includes(' USING gin ');
    await step(`rebuilding ${indexes.length} indexes`, () =>
      Promise.all([indexes.filter((i) => isGin(i.indexdef)), indexes.filter((i) => !isGin(i.indexdef))].map((group) =>
        em.fork().transactional(async (tx) => {
          await tx.execute("set local maintenance_work_mem = '256MB'", [], 'run');
          await tx.execute('set local statement_timeout = 0', [], 'run');
          for (const { indexdef } of group) await tx.execute(indexdef, [], 'run');
        }),
      )),
    );
  }
}

export interface ScaleVendor {
  vendorId: string;
  ownerEmail: string;
}

/** `vendors` vendors with `items` items each; the first is the benchmark target. */
export async function buildScaleDataset(services: AppServices, plan: { items: number; vendors: number }): Promise<ScaleVendor[]> {
  const run = Date.now().toString(36);
  const created = await step(`${plan.vendors} vendors with their owners and stores`, async () => {
    const vendors: (ScaleVendor & { storeIds: [string, string]; ownerId: string })[] = [];
    for (let n = 1; n <= plan.vendors; n++) {
      const { user, vendor } = await register(await systemWriteContext(services, 'seed-scale'), {
        email: `scale-owner-${n}-${run}@example.test`,
        password: SCALE_PASSWORD,
        vendorName: `Scale Vendor ${n} ${run}`,
      });
      const shop = await systemWriteContext(services, 'seed-scale', vendor.id);
      const main = await shop.em.findOneOrFail(Store, { vendor: vendor.id, isDefault: true });
      const second = await createStore(shop, { name: 'Warehouse', type: 'warehouse' });
      vendors.push({ vendorId: vendor.id, ownerEmail: user.email, ownerId: user.id, storeIds: [main.id, second.id] });
    }
    return vendors;
  });
  const em = services.orm.em.fork();
  await bulkLoad(em, created, plan.items, (tx, vendor, advance) => seedVendor(tx, plan.items, vendor.vendorId, vendor.storeIds, vendor.ownerId, advance));
  await step('inventory totals', () => repairTotals(em));
  // Statistics for the planner, and the visibility map that lets counts use index-only scans.
  await step('vacuum analyze', () => em.execute('vacuum analyze', [], 'run'));
  return created.map(({ vendorId, ownerEmail }) => ({ vendorId, ownerEmail }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const plan = { items: intFlag('items', 100_000), vendors: intFlag('vendors', 10) };
  await withRuntime(async ({ services }) => {
    const started = performance.now();
    const vendors = await buildScaleDataset(services, plan);
    for (const v of vendors) console.log(`vendor ${v.vendorId} (owner ${v.ownerEmail}): ${plan.items} items`);
    console.log(`done: ${plan.items * plan.vendors} items in ${seconds(started)} (password: ${SCALE_PASSWORD})`);
  }).catch((error: unknown) => exitWithError(error));
}
