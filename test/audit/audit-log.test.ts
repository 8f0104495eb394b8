import { expect } from 'chai';
import { createCaller } from '../../src/caller.js';
import { app } from '../support/app.js';
import { callerAs, expectTRPCError, issuePaths, joinAs, PASSWORD, signUp } from '../support/fixtures.js';
import { createItem } from '../support/items.js';
import { tokenMailedTo } from '../support/outbox.js';

describe('audit.list', () => {
  it('lists the vendor’s events newest first, with the changed fields before and after', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { price: '10.00' });
    await shop.caller.items.update({ id: item.id, price: '12.50' });
    const { items } = await shop.caller.audit.list({ entity: 'Item', entityId: item.id });
    expect(items.map((e) => e.action)).to.deep.equal(['items.update', 'items.create']);
    expect(items[0]!.changes).to.deep.include({ price: { before: '10.00', after: '12.50' } });
    expect(items[0]).to.include({ actorId: shop.user.id, entity: 'Item', entityId: item.id });
    expect(items[1]!.changes.sku).to.deep.equal({ before: null, after: item.sku });
  });

  it('filters by entity, entityId, actorId, action and time, and pages without overlap', async () => {
    const shop = await signUp();
    const admin = await joinAs(shop, 'admin');
    for (let i = 0; i < 5; i++) await createItem(shop);
    const adminItem = await createItem(admin);
    const all = await shop.caller.audit.list({ limit: 200 });
    expect(all.total).to.equal(all.items.length);
    const created = await shop.caller.audit.list({ action: 'items.create' });
    expect(created.total).to.equal(6);
    expect((await shop.caller.audit.list({ actorId: admin.user.id, entity: 'Item' })).items.map((e) => e.entityId)).to.deep.equal([adminItem.id]);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await shop.caller.audit.list({ action: 'items.create', limit: 2, cursor });
      pages.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).to.deep.equal(created.items.map((e) => e.id));
    const newest = created.items[0]!;
    const window = await shop.caller.audit.list({ action: 'items.create', from: newest.createdAt, to: new Date(Date.parse(newest.createdAt) + 1).toISOString() });
    expect(window.items.map((e) => e.id)).to.include(newest.id);
    expect((await shop.caller.audit.list({ action: 'items.create', to: created.items.at(-1)!.createdAt })).total).to.equal(0);
  });

  it('is for admins and owners: staff and viewers are FORBIDDEN', async () => {
    const shop = await signUp();
    for (const role of ['staff', 'viewer'] as const) await expectTRPCError((await joinAs(shop, role)).caller.audit.list({}), 'FORBIDDEN');
    await expectTRPCError(callerAs().audit.list({}), 'UNAUTHORIZED');
    expect(issuePaths(await expectTRPCError(shop.caller.audit.list({ entityId: 'nope' }), 'BAD_REQUEST'))).to.deep.equal(['entityId']);
  });

  it('never shows another vendor’s events, nor account events', async () => {
    const shop = await signUp();
    const other = await signUp();
    const theirs = await createItem(other);
    await callerAs().auth.login({ email: shop.email, password: PASSWORD });
    expect((await shop.caller.audit.list({ entityId: theirs.id })).total).to.equal(0);
    const mine = await shop.caller.audit.list({ limit: 200 });
    expect(mine.items.map((e) => e.action)).to.not.include.members(['auth.login', 'items.create']);
    expect(mine.items.every((e) => e.entityId !== theirs.id)).to.equal(true);
  });
});

describe('users.activity', () => {
  it('shows the caller’s own sign-ins with IP and user agent, failed attempts, reuse of a refresh token and password changes', async () => {
    const me = await signUp();
    const stranger = await signUp();
    const from = (ip: string) => createCaller(app(), { ip, userAgent: 'Till 2' });
    await expectTRPCError(from('203.0.113.9').auth.login({ email: me.email, password: 'not my password' }), 'UNAUTHORIZED');
    const session = await from('203.0.113.7').auth.login({ email: me.email, password: PASSWORD });
    await callerAs().auth.refresh({ refreshToken: session.refreshToken });
    await app().orm.em.fork().execute("update refresh_tokens set revoked_at = now() - interval '1 hour' where revoked_at is not null");
    await expectTRPCError(callerAs().auth.refresh({ refreshToken: session.refreshToken }), 'UNAUTHORIZED');
    await me.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'another long password' });
    await callerAs().auth.login({ email: stranger.email, password: PASSWORD });

    const { items } = await me.caller.users.activity();
    expect(items.map((e) => e.action)).to.deep.equal(['auth.changePassword', 'auth.refreshReuse', 'auth.login', 'auth.loginFailed']);
    expect(items.find((e) => e.action === 'auth.login')).to.include({ ip: '203.0.113.7', userAgent: 'Till 2', actorId: me.user.id });
    expect(items.find((e) => e.action === 'auth.loginFailed')).to.include({ ip: '203.0.113.9', actorId: null });
    expect(items.every((e) => e.entityId === me.user.id)).to.equal(true);
  });

  it('needs a token', async () => {
    await expectTRPCError(callerAs().users.activity(), 'UNAUTHORIZED');
  });
});

describe('the audit log keeps secrets out', () => {
  it('holds no password, token or hash used in a whole workflow', async () => {
    const shop = await signUp();
    const { token: invitationToken } = await shop.caller.invitations.create({ email: 'new-hire@example.test', role: 'staff' });
    const hire = await callerAs().auth.register({ email: 'new-hire@example.test', password: 'hire password 123', passwordConfirm: 'hire password 123', invitationToken });
    const item = await createItem(shop, { quantity: 3 });
    await shop.caller.items.adjustStock({ id: item.id, delta: -1, reason: 'sale' });
    await shop.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'changed password 456' });
    const session = await callerAs().auth.login({ email: shop.email, password: 'changed password 456' });
    const refreshed = await callerAs().auth.refresh({ refreshToken: session.refreshToken });
    await callerAs().auth.logout({ refreshToken: refreshed.refreshToken });
    await callerAs().auth.requestPasswordReset({ email: shop.email });
    const resetToken = await tokenMailedTo(shop.email);
    await callerAs().auth.resetPassword({ token: resetToken, password: 'reset password 789' });

    const em = app().orm.em.fork();
    const hashes = (await em.execute<{ hash: string }[]>('select password_hash as hash from users union all select token_hash from password_resets union all select token_hash from invitations')).map((r) => r.hash);
    const secrets = [PASSWORD, 'hire password 123', 'changed password 456', 'reset password 789', invitationToken, resetToken, session.accessToken, session.refreshToken, refreshed.refreshToken, hire.accessToken, ...hashes];
    const [log] = await em.execute<{ text: string; events: number }[]>('select string_agg(a::text, chr(10)) as text, count(*)::int as events from audit_events a');
    expect(log!.events).to.be.greaterThan(8);
    for (const secret of secrets) expect(log!.text.includes(secret), `the audit log contains ${secret.slice(0, 12)}…`).to.equal(false);
  });
});
