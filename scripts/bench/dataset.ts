import { loadConfig } from '../../src/config.js';
import { resolveDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { openOrm } from '../../src/db/orm.js';
import { databaseOnServer } from '../../src/db/server.js';
import type { Logger } from '../../src/logger.js';
import { User } from '../../src/modules/identity/entities.js';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { purgeItems } from '../../src/modules/inventory/services/item-status.js';
import { createServices } from '../../src/services.js';
import { SCALE_PASSWORD } from '../seed-scale-constants.js';
import { buildScaleDataset } from '../seed-scale.js';

export interface BenchPlan {
  items: number;
  vendors: number;
  bcryptCost: number;
}

export interface BenchTarget {
  email: string;
  password: string;
  vendorItems: number;
  totalItems: number;
  /** Active items of the target vendor, for get and adjustStock. */
  itemIds: string[];
  /** Active items of the target vendor's default store, for the sales scenarios. */
  saleItemIds: string[];
  searchTerm: string;
  reused: boolean;
}

/**
 * The benchmark's own database, `omni_bench_<items>x<vendors>`: on DATABASE_URL's server when set
 * (named after DATABASE_URL's database too, unless that is `postgres`, so that checkouts
 * benchmarking on one server each with its own DATABASE_URL never share a dataset), else in the
 * embedded PostgreSQL. Never the application's database.
 */
export async function benchDatabase(plan: BenchPlan, log: Logger): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  const owner = serverUrl ? new URL(serverUrl).pathname.slice(1) : '';
  const name = `omni_bench_${plan.items}x${plan.vendors}${owner && owner !== 'postgres' ? `_${owner.replace(/\W/g, '_')}` : ''}`;
  if (!serverUrl) return resolveDatabase({ dataDir: loadConfig().dataDir }, log, name);
  return { url: await databaseOnServer(serverUrl, name), embedded: false, stop: async () => {} };
}

/**
 * Reuses the dataset when its seeded items match the plan (rows the benchmark itself creates carry
 * other SKUs and do not count); otherwise empties the database and builds it with the scale seed.
 */
export async function ensureScaleDataset(url: string, plan: BenchPlan, log: Logger): Promise<BenchTarget> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: url, BCRYPT_COST: String(plan.bcryptCost) });
  const orm = await openOrm(url, { migrate: true });
  try {
    const em = orm.em.fork();
    const seeded = await em.execute<{ vendors: number; smallest: number; largest: number }[]>(
      `select count(*)::int as vendors, coalesce(min(n), 0)::int as smallest, coalesce(max(n), 0)::int as largest
         from (select v.id, (select count(*) from items i where i.vendor_id = v.id and i.sku like 'SC-%') as n
                 from vendors v where v.name like 'Scale Vendor %') per_vendor`,
    );
    const found = seeded[0]!;
    const reused = found.vendors === plan.vendors && found.smallest === plan.items && found.largest === plan.items;
    if (reused) {
      // Every run starts from the same data: earlier runs' created items go (with their ledger,
      // through the one purge path the append-only ledgers allow), and a vacuum refreshes the
      // visibility map their writes left stale.
      await em.transactional(async (tx) => {
        const created = await tx.execute<{ id: string }[]>("select id from items where sku not like 'SC-%'");
        await purgeItems(tx, created.map((item) => item.id));
      });
      await em.execute('vacuum analyze items, stock_movements, price_changes', [], 'run');
    } else {
      const tables = [...orm.getMetadata().getAll().values()].filter((m) => m.tableName && !m.abstract).map((m) => `"${m.tableName}"`);
      await em.execute(`truncate ${[...new Set(tables)].join(', ')} cascade`, [], 'run');
      await buildScaleDataset(createServices(config, orm, log), plan);
    }
    const [owner] = await em.execute<{ id: string; email: string; vendor_id: string }[]>(
      `select u.id, u.email, m.vendor_id from users u join vendor_members m on m.user_id = u.id and m.role = 'owner'
        join vendors v on v.id = m.vendor_id where v.name like 'Scale Vendor 1 %' limit 1`,
    );
    if (!owner) throw new Error('the scale dataset has no target vendor');
    // The login scenario compares against a hash of the benchmark's cost, whatever built the data.
    await em.nativeUpdate(User, { id: owner.id }, { passwordHash: await hashPassword(SCALE_PASSWORD, plan.bcryptCost) });
    const items = await em.execute<{ id: string }[]>(
      `select id from items where vendor_id = ? and status = 'active' and sku like 'SC-%' order by sku limit 1000`,
      [owner.vendor_id],
    );
    const saleItems = await em.execute<{ id: string }[]>(
      `select i.id from items i join stores s on s.id = i.store_id and s.is_default
        where i.vendor_id = ? and i.status = 'active' and i.sku like 'SC-%' order by i.sku limit 510`,
      [owner.vendor_id],
    );
    const [counts] = await em.execute<{ vendor_items: number; total_items: number }[]>(
      `select count(*) filter (where vendor_id = ?)::int as vendor_items, count(*)::int as total_items from items`,
      [owner.vendor_id],
    );
    return {
      email: owner.email,
      password: SCALE_PASSWORD,
      vendorItems: counts!.vendor_items,
      totalItems: counts!.total_items,
      itemIds: items.map((i) => i.id),
      saleItemIds: saleItems.map((i) => i.id),
      searchTerm: 'pikachu',
      reused,
    };
  } finally {
    await orm.close();
  }
}
