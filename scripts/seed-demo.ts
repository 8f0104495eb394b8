// npm run seed: the demo vendor with an owner, an admin and a staff user, two stores, a few
// hundred items with some stock history, and four weeks of sales (scripts/seed-sales.ts), all
// written at the moments they happened. Safe to run again: what exists is left as it is.
import { fileURLToPath } from 'node:url';
import type { AppServices } from '../src/services.js';
import { systemWriteContext, write, type VendorWriteContext, type WriteContext } from '../src/db/write.js';
import { changesOf } from '../src/modules/audit/changes.js';
import type { MemberRole } from '../src/modules/vendors/contract.js';
import { User, UserProfile } from '../src/modules/identity/entities.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { register } from '../src/modules/identity/services/register.js';
import { Item } from '../src/modules/inventory/entities.js';
import { Store, StoreAccess, VendorMember } from '../src/modules/vendors/entities.js';
import { createStore } from '../src/modules/vendors/services/stores.js';
import { updateVendor } from '../src/modules/vendors/services/vendor-settings.js';
import { seedDemoItems } from './seed-inventory.js';
import { asOfPast, seedDemoSales } from './seed-sales.js';
import { withRuntime } from '../src/runtime.js';
import { progressBar, seconds, step } from './support/progress.js';
import { exitWithError } from './support/exit.js';

const PASSWORD = 'omni-stock-demo';
const SALES_DAYS = 28;
const OWNER = 'owner@demo.omni-stock.test';
const TEAM: { email: string; role: MemberRole; firstName: string }[] = [
  { email: 'admin@demo.omni-stock.test', role: 'admin', firstName: 'Ada' },
  { email: 'staff@demo.omni-stock.test', role: 'staff', firstName: 'Sam' },
];

/** The demo vendor, its stores and team, and (for a new catalogue) its items and `days` of sales; what was added. */
export async function seedDemo(services: AppServices, days = SALES_DAYS) {
  const seed = await systemWriteContext(services, 'seed-demo');
  const { vendor, stores } = await step('demo vendor, stores and team', async () => {
    const vendorId = await demoVendor(seed);
    const shop = await systemWriteContext(services, 'seed-demo', vendorId);
    const stores = await demoStores(shop);
    for (const member of TEAM) await ensureMember(shop, member, stores[0]!);
    return { vendor: shop.vendor, stores };
  });
  let bar: ReturnType<typeof progressBar> | undefined;
  // A new catalogue and its sales are written as of `days` ago, day by day (see seed-sales.ts).
  const history = (await seed.em.count(Item, { vendor }))
    ? { items: 0, sales: 0, returns: 0, voids: 0 }
    : await asOfPast(days, async (setClock, start) => {
        const items = await seedDemoItems(services, vendor.id, stores.map((s) => s.id), {
          start: (total) => (bar = progressBar('demo items', total, 'items')),
          advance: () => bar?.advance(),
        });
        bar?.done();
        const sellers = await Promise.all([OWNER, ...TEAM.map((m) => m.email)].map((email) => memberIdOf(seed, vendor.id, email)));
        const sales = await step(`${days} days of sales`, () =>
          seedDemoSales(services, vendor.id, {
            start,
            days,
            // The owner restocks and sells in the shop; Ada runs the booth; Sam sells in the shop (his sales grant).
            sellers: [{ memberId: sellers[0]!, storeIds: [stores[0]!.id] }, { memberId: sellers[1]!, storeIds: [stores[1]!.id] }, { memberId: sellers[2]!, storeIds: [stores[0]!.id] }],
            weekendStoreId: stores[1]!.id,
            setClock,
          }),
        );
        return { items, ...sales };
      });
  return { vendor, stores, history };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  // Not a top-level await: mocha's root hooks never run for a test file that imports a module with
  // one (test/scripts/seed-demo.test.ts).
  void withRuntime(async ({ services }) => {
    const { vendor, stores, history } = await seedDemo(services);
    console.log(
      `Demo vendor "${vendor.name}" (${vendor.id}), stores ${stores.map((s) => s.name).join(' and ')}: ` +
        `${history.items} items, ${history.sales} sales, ${history.returns} returns and ${history.voids} void added in ${seconds(started)}.`,
    );
    console.log(`Every password is "${PASSWORD}":`);
    for (const email of [OWNER, ...TEAM.map((m) => m.email)]) console.log(`  ${email}`);
  }).catch((error: unknown) => exitWithError(error));
}

async function demoVendor(seed: WriteContext): Promise<string> {
  const existing = await seed.em.findOne(VendorMember, { user: { email: OWNER }, role: 'owner' });
  if (existing) return existing.vendor.id;
  const { vendor } = await register(seed, { email: OWNER, password: PASSWORD, firstName: 'Olive', vendorName: 'Omni Demo Cards & Games' });
  await updateVendor(await systemWriteContext(seed.services, 'seed-demo', vendor.id), { timeZone: 'America/Chicago', taxRate: '8.250' });
  return vendor.id;
}

async function memberIdOf(seed: WriteContext, vendorId: string, email: string) {
  return (await seed.em.findOneOrFail(VendorMember, { vendor: vendorId, user: { email } })).id;
}

/** The default store and a convention booth. */
async function demoStores(shop: VendorWriteContext) {
  const main = await shop.em.findOneOrFail(Store, { vendor: shop.vendor, isDefault: true });
  const booth = (await shop.em.findOne(Store, { vendor: shop.vendor, slug: 'convention-booth' })) ?? (await createStore(shop, { name: 'Convention Booth', type: 'popup' }));
  return [main, booth];
}

/** The staff user sells in the main store (store access), the admin reaches every store anyway. */
async function ensureMember(shop: VendorWriteContext, member: (typeof TEAM)[number], store: { id: string }) {
  if (await shop.em.count(VendorMember, { vendor: shop.vendor, user: { email: member.email } })) return;
  const passwordHash = await hashPassword(PASSWORD, shop.services.config.bcryptCost);
  await write(shop, async (tx) => {
    const user = (await tx.em.findOne(User, { email: member.email })) ?? tx.em.create(User, { email: member.email, passwordHash, firstName: member.firstName });
    if (!(await tx.em.count(UserProfile, { user }))) tx.em.create(UserProfile, { user });
    await tx.em.nativeUpdate(VendorMember, { user, isPrimary: true }, { isPrimary: false });
    const membership = tx.em.create(VendorMember, { vendor: tx.vendor, user, role: member.role, isPrimary: true, status: 'active', respondedAt: new Date() });
    if (member.role === 'staff') tx.em.create(StoreAccess, { member: membership, store: store.id, role: 'sales' });
    tx.audit({ entity: 'VendorMember', entityId: membership.id, changes: changesOf(null, { email: member.email, role: member.role }) });
  });
}
