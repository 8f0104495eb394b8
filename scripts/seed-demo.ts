// npm run seed: the demo vendor with an owner, an admin and a staff user, two stores and a few
// hundred items with some stock history. Safe to run again: what exists is left as it is.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole } from '../src/modules/vendors/contract.js';
import { User, UserProfile } from '../src/modules/identity/entities.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { register } from '../src/modules/identity/services/register.js';
import { Item } from '../src/modules/inventory/entities.js';
import { Store, StoreAccess, VendorMember, type IVendor } from '../src/modules/vendors/entities.js';
import { seedDemoItems } from './seed-inventory.js';
import { withRuntime } from '../src/runtime.js';
import { progressBar, seconds, step } from './support/progress.js';

const PASSWORD = 'omni-stock-demo';
const OWNER = 'owner@demo.omni-stock.test';
const TEAM: { email: string; role: MemberRole; firstName: string }[] = [
  { email: 'admin@demo.omni-stock.test', role: 'admin', firstName: 'Ada' },
  { email: 'staff@demo.omni-stock.test', role: 'staff', firstName: 'Sam' },
];

const started = performance.now();
await withRuntime(async ({ services, em: fork }) => {
  const em = fork();
  const { vendor, stores } = await step('demo vendor, stores and team', async () => {
    const vendor = await demoVendor(em, services.config);
    const stores = await demoStores(em, vendor);
    for (const member of TEAM) await ensureMember(em, vendor, member, services.config.bcryptCost, stores[0]!);
    return { vendor, stores };
  });
  let bar: ReturnType<typeof progressBar> | undefined;
  const added = (await em.count(Item, { vendor }))
    ? 0
    : await seedDemoItems(em, services.imageUrlPolicy, vendor.id, stores.map((s) => s.id), {
        start: (total) => (bar = progressBar('demo items', total, 'items')),
        advance: () => bar?.advance(),
      });
  bar?.done();
  console.log(`Demo vendor "${vendor.name}" (${vendor.id}), stores ${stores.map((s) => s.name).join(' and ')}, ${added} items added in ${seconds(started)}.`);
  console.log(`Every password is "${PASSWORD}":`);
  for (const email of [OWNER, ...TEAM.map((m) => m.email)]) console.log(`  ${email}`);
});

async function demoVendor(em: EntityManager, config: Parameters<typeof register>[1]): Promise<IVendor> {
  const existing = await em.findOne(VendorMember, { user: { email: OWNER }, role: 'owner' }, { populate: ['vendor'] });
  if (existing) return existing.vendor;
  const { vendor } = await register(em, config, { email: OWNER, password: PASSWORD, firstName: 'Olive', vendorName: 'Omni Demo Cards & Games' });
  return vendor;
}

/** The default store and a convention booth. */
async function demoStores(em: EntityManager, vendor: IVendor) {
  const main = await em.findOneOrFail(Store, { vendor, isDefault: true });
  const booth = (await em.findOne(Store, { vendor, slug: 'convention-booth' }))
    ?? em.create(Store, { vendor, name: 'Convention Booth', slug: 'convention-booth', type: 'popup' });
  await em.flush();
  return [main, booth];
}

/** The staff user sells in the main store (store access), the admin reaches every store anyway. */
async function ensureMember(em: EntityManager, vendor: IVendor, member: (typeof TEAM)[number], cost: number, store: { id: string }) {
  if (await em.count(VendorMember, { vendor, user: { email: member.email } })) return;
  const passwordHash = await hashPassword(PASSWORD, cost);
  await em.transactional(async (tx) => {
    const user = (await tx.findOne(User, { email: member.email })) ?? tx.create(User, { email: member.email, passwordHash, firstName: member.firstName });
    if (!(await tx.count(UserProfile, { user }))) tx.create(UserProfile, { user });
    await tx.nativeUpdate(VendorMember, { user, isPrimary: true }, { isPrimary: false });
    const membership = tx.create(VendorMember, { vendor, user, role: member.role, isPrimary: true, status: 'active', respondedAt: new Date() });
    if (member.role === 'staff') tx.create(StoreAccess, { member: membership, store: store.id, role: 'sales' });
  });
}
