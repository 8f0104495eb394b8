// npm run seed: the demo vendor with an owner, an admin and a staff user. Safe to run again.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole } from '../src/core/roles.js';
import { User, UserProfile } from '../src/modules/identity/entities.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { register } from '../src/modules/identity/services/register.js';
import { VendorMember, type IVendor } from '../src/modules/vendors/entities.js';
import { withRuntime } from './support/runtime.js';

const PASSWORD = 'omni-stock-demo';
const OWNER = 'owner@demo.omni-stock.test';
const TEAM: { email: string; role: MemberRole; firstName: string }[] = [
  { email: 'admin@demo.omni-stock.test', role: 'admin', firstName: 'Ada' },
  { email: 'staff@demo.omni-stock.test', role: 'staff', firstName: 'Sam' },
];

await withRuntime(async (services, em) => {
  const vendor = await demoVendor(em, services.config);
  for (const member of TEAM) await ensureMember(em, vendor, member, services.config.bcryptCost);
  console.log(`Demo vendor "${vendor.name}" (${vendor.id}); every password is "${PASSWORD}":`);
  for (const email of [OWNER, ...TEAM.map((m) => m.email)]) console.log(`  ${email}`);
});

async function demoVendor(em: EntityManager, config: Parameters<typeof register>[1]): Promise<IVendor> {
  const existing = await em.findOne(VendorMember, { user: { email: OWNER }, role: 'owner' }, { populate: ['vendor'] });
  if (existing) return existing.vendor;
  const { vendor } = await register(em, config, { email: OWNER, password: PASSWORD, firstName: 'Olive', vendorName: 'Omni Demo Cards & Games' });
  return vendor;
}

async function ensureMember(em: EntityManager, vendor: IVendor, member: (typeof TEAM)[number], cost: number) {
  if (await em.count(VendorMember, { vendor, user: { email: member.email } })) return;
  const passwordHash = await hashPassword(PASSWORD, cost);
  await em.transactional(async (tx) => {
    const user = (await tx.findOne(User, { email: member.email })) ?? tx.create(User, { email: member.email, passwordHash, firstName: member.firstName });
    if (!(await tx.count(UserProfile, { user }))) tx.create(UserProfile, { user });
    await tx.nativeUpdate(VendorMember, { user, isPrimary: true }, { isPrimary: false });
    tx.create(VendorMember, { vendor, user, role: member.role, isPrimary: true, status: 'active', respondedAt: new Date() });
  });
}
