import { expect } from 'chai';
import type { Caller } from '../../src/caller.js';
import { AuditEvent } from '../../src/modules/audit/entities.js';
import { appRouter } from '../../src/router.js';
import { app } from '../support/app.js';
import { changedTables, tableFingerprints } from '../support/fingerprint.js';
import { callerAs, joinAs, PASSWORD, signUp, unique, type SignedUp } from '../support/fixtures.js';
import { createItem } from '../support/items.js';
import { defaultStoreId } from '../support/members.js';
import { tokenMailedTo } from '../support/outbox.js';
import { sell } from '../support/sales.js';

/**
 * What one mutation needs to run for real: its caller, its input (built on a fresh shop), and
 * the audit event it must write (entity, actor; account events belong to no vendor).
 */
interface Scenario {
  run(shop: SignedUp): Promise<{
    caller: Caller;
    input: unknown;
    entity: string;
    /** The user the event names, or how to find them once the call has made them (auth.register). */
    actorId: string | (() => Promise<string>);
    /** 'any': the vendor is made by the call. */
    vendorId: string | null;
  }>;
}

const asOwner = (shop: SignedUp, entity: string, input: unknown) => ({ caller: shop.caller, input, entity, actorId: shop.user.id, vendorId: shop.vendor.id });
const account = (who: { caller: Caller; user: { id: string } }, input: unknown) => ({ caller: who.caller, input, entity: 'User', actorId: who.user.id, vendorId: null });
const newEmail = () => `${unique('audit')}@example.test`;

const scenarios: Record<string, Scenario> = {
  'auth.register': {
    async run() {
      const email = newEmail();
      const registration = { email, password: PASSWORD, passwordConfirm: PASSWORD };
      return { caller: callerAs(), input: registration, entity: 'User', actorId: () => userIdOf(email), vendorId: 'any' };
    },
  },
  'auth.login': { run: async (shop) => ({ ...account(shop, { email: shop.email, password: PASSWORD }), caller: callerAs() }) },
  'auth.refresh': { run: async (shop) => ({ ...account(shop, { refreshToken: shop.refreshToken }), caller: callerAs() }) },
  'auth.logout': { run: async (shop) => ({ ...account(shop, { refreshToken: shop.refreshToken }), caller: callerAs() }) },
  // Asked by nobody signed in: an event of the account with no actor.
  'auth.requestPasswordReset': { run: async (shop) => ({ ...account(shop, { email: shop.email }), caller: callerAs(), actorId: '' }) },
  'auth.resetPassword': {
    async run(shop) {
      await callerAs().auth.requestPasswordReset({ email: shop.email });
      return { ...account(shop, { token: await tokenMailedTo(shop.email), password: 'a brand new password' }), caller: callerAs() };
    },
  },
  'auth.changePassword': { run: async (shop) => account(shop, { currentPassword: PASSWORD, newPassword: 'a brand new password' }) },
  'users.updateProfile': { run: async (shop) => account(shop, { bio: 'Graded cards since 1999' }) },
  'vendors.update': { run: async (shop) => asOwner(shop, 'Vendor', { description: 'Cards and games' }) },
  'vendors.create': { run: async (shop) => ({ ...asOwner(shop, 'Vendor', { name: unique('Second shop') }), vendorId: 'any' }) },
  'vendors.switch': {
    async run(shop) {
      await shop.caller.vendors.create({ name: unique('Other shop') });
      return asOwner(shop, 'VendorMember', { vendorId: shop.vendor.id });
    },
  },
  'stores.create': { run: async (shop) => asOwner(shop, 'Store', { name: 'Convention booth', type: 'popup' }) },
  'stores.update': { run: async (shop) => asOwner(shop, 'Store', { storeId: await defaultStoreId(shop.vendor.id), address: '1 Main St' }) },
  'stores.archive': { run: async (shop) => asOwner(shop, 'Store', { storeId: (await shop.caller.stores.create({ name: unique('Booth') })).id }) },
  'stores.grantAccess': {
    async run(shop) {
      const staff = await joinAs(shop, 'staff');
      return asOwner(shop, 'StoreAccess', { storeId: await defaultStoreId(shop.vendor.id), memberId: staff.memberId, role: 'sales' });
    },
  },
  'stores.revokeAccess': {
    async run(shop) {
      const staff = await joinAs(shop, 'staff');
      const storeId = await defaultStoreId(shop.vendor.id);
      await shop.caller.stores.grantAccess({ storeId, memberId: staff.memberId, role: 'sales' });
      return asOwner(shop, 'StoreAccess', { storeId, memberId: staff.memberId });
    },
  },
  'media.createUploadUrl': { run: async (shop) => asOwner(shop, 'none', { fileName: 'card.png', contentType: 'image/png', size: 100 }) },
  'members.updateRole': { run: async (shop) => asOwner(shop, 'VendorMember', { memberId: (await joinAs(shop, 'staff')).memberId, role: 'admin' }) },
  'members.remove': { run: async (shop) => asOwner(shop, 'VendorMember', { memberId: (await joinAs(shop, 'staff')).memberId }) },
  'invitations.create': { run: async (shop) => asOwner(shop, 'Invitation', { email: newEmail(), role: 'staff' }) },
  'invitations.revoke': {
    run: async (shop) => asOwner(shop, 'Invitation', { invitationId: (await shop.caller.invitations.create({ email: newEmail(), role: 'staff' })).id }),
  },
  'invitations.accept': {
    async run(shop) {
      const invitee = await signUp();
      const { token } = await shop.caller.invitations.create({ email: invitee.email, role: 'viewer' });
      return { caller: invitee.caller, input: { token }, entity: 'Invitation', actorId: invitee.user.id, vendorId: shop.vendor.id };
    },
  },
  'invitations.decline': {
    async run(shop) {
      const invitee = await signUp();
      const { token } = await shop.caller.invitations.create({ email: invitee.email, role: 'viewer' });
      return { caller: invitee.caller, input: { token }, entity: 'Invitation', actorId: invitee.user.id, vendorId: shop.vendor.id };
    },
  },
  'items.create': { run: async (shop) => asOwner(shop, 'Item', { name: 'Charizard', sku: unique('PKM'), quantity: 2, price: '300.00' }) },
  'items.update': { run: async (shop) => asOwner(shop, 'Item', { id: (await createItem(shop)).id, price: '12.50', quantity: 3 }) },
  'items.archive': { run: async (shop) => asOwner(shop, 'Item', { id: (await createItem(shop)).id }) },
  'items.restore': {
    async run(shop) {
      const item = await createItem(shop);
      await shop.caller.items.archive({ id: item.id });
      return asOwner(shop, 'Item', { id: item.id });
    },
  },
  'items.delete': { run: async (shop) => asOwner(shop, 'Item', { id: (await createItem(shop, { quantity: 1 })).id }) },
  'items.adjustStock': { run: async (shop) => asOwner(shop, 'Item', { id: (await createItem(shop, { quantity: 1 })).id, delta: 4, reason: 'intake' }) },
  'sales.create': {
    async run(shop) {
      const item = await createItem(shop, { quantity: 2, price: '5.00' });
      return asOwner(shop, 'Sale', { lines: [{ itemId: item.id, quantity: 1 }], payments: [{ method: 'cash', amount: '5.00' }] });
    },
  },
  'sales.void': { run: async (shop) => asOwner(shop, 'Sale', { id: (await soldOnce(shop)).id, reason: 'Rung up twice' }) },
  'sales.return': {
    async run(shop) {
      const sale = await soldOnce(shop);
      return asOwner(shop, 'SaleReturn', { id: sale.id, lines: [{ lineId: sale.lines[0]!.id, quantity: 1 }] });
    },
  },
  'imports.create': {
    run: async (shop) => asOwner(shop, 'ImportJob', { csv: 'sku,name\nA-1,Alpha\n', fileName: 'a.csv', preset: 'native', mode: 'dryRun' }),
  },
  'imports.createUploadUrl': { run: async (shop) => asOwner(shop, 'none', { fileName: 'a.csv', contentType: 'text/csv', size: 100 }) },
  'imports.cancel': {
    async run(shop) {
      // A queued job no worker has taken (written directly, never sent to the queue).
      const job = app().orm.em.fork();
      const [row] = await job.execute<{ id: string }[]>(
        `insert into import_jobs (id, vendor_id, created_by_id, file_name, preset, mode, csv, created_at)
         values (gen_random_uuid(), ?, ?, 'a.csv', 'native', 'dryRun', 'sku,name', now()) returning id`,
        [shop.vendor.id, shop.user.id],
      );
      return asOwner(shop, 'ImportJob', { id: row!.id });
    },
  },
};

async function soldOnce(shop: SignedUp) {
  return sell(shop, [[(await createItem(shop, { quantity: 2, price: '5.00' })).id, 1]]);
}

async function userIdOf(email: string): Promise<string> {
  const [user] = await app().orm.em.fork().execute<{ id: string }[]>('select id from users where email = ?', [email]);
  return user!.id;
}

const mutations = Object.entries(appRouter._def.procedures)
  .filter(([, procedure]) => (procedure as unknown as { _def: { type: string } })._def.type === 'mutation')
  .map(([path]) => path);

async function call(caller: Caller, path: string, input: unknown) {
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  return procedure(input);
}

describe('audit: every mutation that changes data writes its audit event', () => {
  it('has a scenario for every mutation of the router (a new mutation must be added here)', () => {
    expect(mutations.filter((path) => !scenarios[path])).to.deep.equal([]);
  });

  for (const path of mutations) {
    it(path, async () => {
      const shop = await signUp();
      const scenario = await scenarios[path]!.run(shop);
      const before = await tableFingerprints(['audit_events']);
      const known = new Set((await app().orm.em.fork().find(AuditEvent, {}, { fields: ['id'] })).map((e) => e.id));
      await call(scenario.caller, path, scenario.input);
      const changed = changedTables(before, await tableFingerprints(['audit_events']));
      const events = (await app().orm.em.fork().find(AuditEvent, {}, { orderBy: { createdAt: 'asc' } })).filter((e) => !known.has(e.id));
      if (scenario.entity === 'none') {
        expect(changed, 'this mutation is expected to write nothing').to.deep.equal([]);
        return;
      }
      expect(changed, 'the scenario must change data').to.not.deep.equal([]);
      const event = events.find((e) => e.action === path);
      expect(event, `no audit event with action ${path} (events: ${events.map((e) => e.action).join(', ') || 'none'})`).to.not.equal(undefined);
      expect(event!.entity).to.equal(scenario.entity);
      const actorId = typeof scenario.actorId === 'string' ? scenario.actorId : await scenario.actorId();
      expect(event!.actorId ?? '').to.equal(actorId);
      if (scenario.vendorId !== 'any') expect(event!.vendorId).to.equal(scenario.vendorId);
    });
  }
});
