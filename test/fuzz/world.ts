import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { MAX_STOCK } from '../../src/modules/inventory/contract.js';
import { ImportError, ImportJob } from '../../src/modules/imports/entities.js';
import { Item } from '../../src/modules/inventory/entities.js';
import { VendorMember } from '../../src/modules/vendors/entities.js';
import { app } from '../support/app.js';
import { callerAs, joinAs, PASSWORD, signUp, unique, type SignedUp } from '../support/fixtures.js';
import { createItem, IMAGE } from '../support/items.js';
import { tokenMailedTo } from '../support/outbox.js';
import type { Hints } from './arbitraries.js';
import { handMadeCursors, labelled } from './hostile.js';

/** Who calls: every tier of the permission table (and, apart, callers with a forged token). */
export type Role = 'anonymous' | 'no vendor' | 'viewer' | 'staff' | 'admin' | 'owner';

export interface World {
  /** The access token of each role. */
  tokens: Record<Role, string | undefined>;
  /** Access tokens with the real signature and wrong claims, labelled. */
  forgedAccessTokens: fc.Arbitrary<[kind: string, token: string]>;
  /** Real ids, tokens and cursors by input field name, so valid inputs reach the services. */
  hints: Hints;
  /** Puts back who works where, in which role and stores, when a call moved a member (vendors.create, members.remove, ...). */
  restoreStaffing: () => Promise<boolean>;
}

type Claims = Record<string, unknown>;

/**
 * The membership and store-grant rows of the world's users and vendors, and a way to put them
 * back: calls keep moving members, and a viewer who created a vendor is no longer a viewer.
 */
async function staffingOf(userIds: string[], vendorIds: string[]) {
  const connection = app().orm.em.getConnection();
  const scope = `(user_id in (${userIds.map(() => '?').join(', ')}) or vendor_id in (${vendorIds.map(() => '?').join(', ')}))`;
  const read = async () => {
    const [row] = await connection.execute<{ members: string; grants: string }[]>(
      `select (select json_agg(m order by m.id)::text from vendor_members m where ${scope}) as members,
              (select coalesce(json_agg(a order by a.id), '[]')::text from store_access a) as grants`,
      [...userIds, ...vendorIds],
    );
    return row!;
  };
  const built = await read();
  return async () => {
    const now = await read();
    if (now.members === built.members && now.grants === built.grants) return false;
    await connection.transactional(async (tx) => {
      await connection.execute('delete from store_access', [], 'run', tx);
      await connection.execute(`delete from vendor_members where ${scope}`, [...userIds, ...vendorIds], 'run', tx);
      await connection.execute('insert into vendor_members select * from json_populate_recordset(null::vendor_members, ?::json)', [built.members], 'run', tx);
      await connection.execute('insert into store_access select * from json_populate_recordset(null::store_access, ?::json)', [built.grants], 'run', tx);
    });
    return true;
  };
}

/**
 * Tokens signed with the server's real secret whose claims are wrong: what a leaked secret, a
 * bug in an old signer or a hand-edited payload would present. Only the signature is right.
 */
function forgedTokens(secret: string, user: SignedUp, typ: 'access' | 'refresh'): [string, string][] {
  // An undefined claim is a missing one (jsonwebtoken refuses `exp: undefined`).
  const sign = (claims: Claims, key = secret) =>
    jwt.sign(Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)), key, { algorithm: 'HS256', noTimestamp: true });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const real = { sub: user.user.id, typ, exp, ...(typ === 'access' ? { sid: randomUUID() } : { fam: randomUUID(), jti: randomUUID() }) };
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(real)).toString('base64url')}.`;
  const claimVariants: [string, Claims][] = [
    ['non-uuid sub', { ...real, sub: 'not-a-uuid' }],
    ['NUL in sub', { ...real, sub: 'a\u0000b' }],
    ['empty sub', { ...real, sub: '' }],
    ['numeric sub', { ...real, sub: 42 }],
    ['unknown user', { ...real, sub: randomUUID() }],
    ['no exp', { ...real, exp: undefined }],
    ['expired', { ...real, exp: 1 }],
    ['exp past year 9999', { ...real, exp: 253_402_300_800 * 10 }],
    ['no typ', { ...real, typ: undefined }],
    ['wrong typ', { ...real, typ: typ === 'access' ? 'refresh' : 'access' }],
    ...(typ === 'access'
      ? ([
          ['non-uuid sid', { ...real, sid: 'not-a-uuid' }],
          ['numeric sid', { ...real, sid: 1 }],
        ] as [string, Claims][])
      : ([
          ['non-uuid jti', { ...real, jti: 'not-a-uuid' }],
          ['non-uuid fam', { ...real, fam: 'not-a-uuid' }],
          ['NUL in fam', { ...real, fam: 'a\u0000b' }],
          ['numeric jti', { ...real, jti: 7 }],
        ] as [string, Claims][])),
  ];
  return [
    ...claimVariants.map(([kind, claims]): [string, string] => [`${typ} token: ${kind}`, sign(claims)]),
    [`${typ} token: alg none`, unsigned],
    [`${typ} token: another secret`, sign(real, 'another-secret-that-is-long-enough-for-hs256')],
    [`${typ} token: not a JWT`, 'not.a.jwt'],
  ];
}

/** The next-page cursor of items.list in every sort and of items.movements: real cursors, also sent to the wrong list. */
async function realCursors(who: SignedUp, itemId: string): Promise<string[]> {
  const sorts = ['name', 'sku', 'price', 'quantity', 'createdAt', 'updatedAt'] as const;
  const pages = await Promise.all(sorts.map((sort) => who.caller.items.list({ sort, limit: 1 })));
  const movements = await who.caller.items.movements({ id: itemId, limit: 1 });
  return [...pages.map((p) => p.nextCursor), movements.nextCursor].filter((c): c is string => c !== null);
}

/** A vendor with two stores, three items (one with card details and images), a sale and some history. */
async function stockedVendor(owner: SignedUp) {
  const [main] = await owner.caller.stores.list();
  const annex = await owner.caller.stores.create({ name: unique('Annex'), type: 'warehouse' });
  const card = await createItem(owner, {
    category: 'trading_card',
    quantity: 3,
    price: '12.50',
    images: [{ url: IMAGE(unique('card')), isPrimary: true }],
    cardDetails: { game: 'Pokémon', setName: 'Base Set', lastEstimatedAt: new Date().toISOString(), releaseDate: '1999-01-09', grade: 9.5 },
  });
  const game = await createItem(owner, { category: 'video_game', storeId: annex.id, attributes: { platform: 'SNES' }, quantity: 1 });
  const full = await createItem(owner, { quantity: 1 });
  await owner.caller.items.adjustStock({ id: card.id, delta: 2, reason: 'intake' });
  await owner.caller.items.update({ id: card.id, price: '13.00' });
  // A sale with two lines, so sales.get, void and return reach real sales and lines.
  const sale = await owner.caller.sales.create({ lines: [{ itemId: card.id, quantity: 2 }, { itemId: full.id, quantity: 1, unitPrice: '1.00' }], payments: [{ method: 'cash', amount: '27.00' }] });
  // Stock at the maximum, where 1,000 calls of adjustStock +1,000,000 lead: any intake passes it.
  await app().orm.em.fork().nativeUpdate(Item, { id: full.id }, { quantity: MAX_STOCK });
  return { storeIds: [main!.id, annex.id], itemIds: [card.id, game.id, full.id], saleIds: [sale.id], lineIds: sale.lines.map((l) => l.id) };
}

/**
 * Two finished imports of the vendor, the second with two errors (written here: no worker runs),
 * so imports.get, imports.errors and their cursors reach real jobs.
 */
async function finishedImports(owner: SignedUp) {
  const em = app().orm.em.fork();
  const found = [2, 3].map((line) => ({ row: line, column: 'price', message: 'must be a decimal string' }));
  const job = (errors: typeof found) =>
    em.create(ImportJob, {
      vendor: owner.vendor.id, createdBy: owner.user.id, fileName: 'items.csv', preset: 'native', mode: 'apply',
      status: errors.length ? 'failed' : 'succeeded', errors, errorCount: errors.length, finishedAt: new Date(),
    });
  const [clean, failed] = [job([]), job(found)];
  found.forEach((error, position) => em.create(ImportError, { job: failed, position, line: error.row, column: error.column, message: error.message }));
  await em.flush();
  const [list, errors] = await Promise.all([owner.caller.imports.list({ limit: 1 }), owner.caller.imports.errors({ id: failed.id, limit: 1 })]);
  return { importIds: [clean.id, failed.id], cursors: [list.nextCursor!, errors.nextCursor!] };
}

const from = <T>(values: T[]) => fc.constantFrom(...values);
/** Hints drawn mostly (3 in 4, else the schema's own values) or always. */
const mostly = (values: unknown[]) => ({ valid: from(values) });
const always = (values: unknown[]) => ({ valid: from(values), exclusive: true });
/** Ids of vendor A (the callers') three times in four, of vendor B (which must look missing) otherwise. */
const ids = (own: string[], foreign: string[]) => ({
  valid: fc.oneof({ weight: 3, arbitrary: from(own) }, { weight: 1, arbitrary: from(foreign) }),
});

/**
 * Hints that need no world: the fixtures' password (so the confirmation matches and logins
 * succeed), currencies (a refinement on a known list), images, attributes.
 */
export const fixedHints: Hints = {
  password: always([PASSWORD]),
  passwordConfirm: always([PASSWORD]),
  currentPassword: always([PASSWORD]),
  currency: always(['USD', 'eur', 'JPY']),
  timeZone: always(['UTC', 'Europe/Berlin', 'america/new_york']),
  taxRate: mostly(['0', '8.875', '100']),
  // Periods whose end comes after their start (reports refuse the others).
  from: always(['0001-01-01T00:00:00Z', '2000-01-01T00:00:00Z', '2026-01-01T00:00:00+05:30']),
  to: always(['2030-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']),
  // Images on the allowed host; imageUrl left out, since beside a gallery it must repeat the primary one.
  url: { valid: fc.string({ minLength: 1, maxLength: 8 }).map((name) => IMAGE(encodeURIComponent(name))), exclusive: true },
  imageUrl: always([undefined]),
  // Valid for every category.
  attributes: mostly([{}]),
};

/**
 * Two vendors (A, whose members call, and B, whose ids must look missing to A), a member of A of
 * every role with store grants, a user without a vendor, pending invitations both ways,
 * finished imports, and the cursors, tokens and emails of all of them.
 */
export async function buildWorld(): Promise<World> {
  const [owner, other, lonely] = await Promise.all([signUp(), signUp(), signUp()]);
  const [admin, staff, viewer, otherStaff] = await Promise.all([joinAs(owner, 'admin'), joinAs(owner, 'staff'), joinAs(owner, 'viewer'), joinAs(other, 'staff')]);
  const [a, b, importsA, importsB] = await Promise.all([stockedVendor(owner), stockedVendor(other), finishedImports(owner), finishedImports(other)]);
  const main = a.storeIds[0]!;
  const [invitations] = await Promise.all([
    Promise.all([
      owner.caller.invitations.create({ email: lonely.email, role: 'staff' }),
      owner.caller.invitations.create({ email: `${unique('invitee')}@example.test`, role: 'viewer' }),
      other.caller.invitations.create({ email: viewer.email, role: 'admin' }),
    ]),
    owner.caller.stores.grantAccess({ storeId: main, memberId: staff.memberId, role: 'manager' }),
    owner.caller.stores.grantAccess({ storeId: main, memberId: viewer.memberId, role: 'view_only' }),
    app().orm.em.fork().nativeUpdate(VendorMember, { user: lonely.user.id }, { status: 'revoked', isPrimary: false }),
  ]);

  const [membersA, membersB, cursorsA, cursorsB] = await Promise.all([
    owner.caller.members.list(),
    other.caller.members.list(),
    realCursors(owner, a.itemIds[0]!),
    realCursors(other, b.itemIds[0]!),
    callerAs().auth.requestPasswordReset({ email: lonely.email }),
  ]);
  const users = [owner, admin, staff, viewer, lonely, other, otherStaff];
  const secretTokens = [...invitations.map((i) => i.token), await tokenMailedTo(lonely.email)];
  const secret = app().config.jwtSecret;

  return {
    tokens: { anonymous: undefined, 'no vendor': lonely.accessToken, viewer: viewer.accessToken, staff: staff.accessToken, admin: admin.accessToken, owner: owner.accessToken },
    forgedAccessTokens: from(forgedTokens(secret, owner, 'access')),
    restoreStaffing: await staffingOf(users.map((u) => u.user.id), [owner.vendor.id, other.vendor.id]),
    hints: {
      ...fixedHints,
      id: ids([...a.itemIds, ...a.saleIds, ...importsA.importIds], [...b.itemIds, ...b.saleIds, ...importsB.importIds]),
      lineId: ids(a.lineIds, b.lineIds),
      itemId: ids(a.itemIds, b.itemIds),
      storeId: ids(a.storeIds, b.storeIds),
      memberId: ids(membersA.map((m) => m.id), membersB.map((m) => m.id)),
      invitationId: ids(invitations.slice(0, 2).map((i) => i.id), invitations.slice(2).map((i) => i.id)),
      vendorId: ids([owner.vendor.id, lonely.vendor.id], [other.vendor.id]),
      cursor: { valid: from([...cursorsA, ...cursorsB, ...importsA.cursors, ...importsB.cursors]), hostile: handMadeCursors([...a.itemIds, ...b.itemIds]) },
      expectedVersion: mostly([undefined]),
      refreshToken: { valid: from(users.map((u) => u.refreshToken)), hostile: labelled(from(forgedTokens(secret, owner, 'refresh'))) },
      token: mostly(secretTokens),
      invitationToken: mostly(secretTokens),
      email: mostly(users.map((u) => u.email)),
    },
  };
}
