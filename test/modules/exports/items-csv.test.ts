import { expect } from 'chai';
import { request } from 'node:http';
import { nativeColumns, tcgplayerColumns } from '../../../src/contract/csv.js';
import { unescapeFormulaCell } from '../../../src/contract/csv-cells.js';
import { User } from '../../../src/modules/identity/entities.js';
import { itemPresets } from '../../../src/modules/exports/selectors/items-csv.js';
import { app } from '../../support/app.js';
import { csvObjects } from '../../support/csv.js';
import { callerAs, expectTRPCError, joinAs, signUp, unique, type SignedUp } from '../../support/fixtures.js';
import { exportErrorOf, exportGetter } from '../../support/exports.js';
import { startHttpApp } from '../../support/http.js';
import { createItem, IMAGE } from '../../support/items.js';
import { defaultStoreId, joinVendor } from '../../support/members.js';

type Server = Awaited<ReturnType<typeof startHttpApp>>;

/** `count` items straight into the owner's default store (SKUs BULK-00001...), `description` on each. */
async function bulkItems(owner: SignedUp, count: number, description: string) {
  const store = await defaultStoreId(owner.vendor.id);
  await app().orm.em.fork().execute(
    `insert into items (id, vendor_id, store_id, name, sku, description, quantity, price, created_at, updated_at)
     select gen_random_uuid(), ?, ?, 'Bulk ' || n, 'BULK-' || lpad(n::text, 5, '0'), ?, n % 7, (n % 100)::numeric + 0.99, now(), now()
       from generate_series(1, ?) n`,
    [owner.vendor.id, store, description, count],
  );
}

describe('GET /exports/items.csv', () => {
  let server: Server;
  before(async () => (server = await startHttpApp()));
  after(() => server.stop());

  const get = exportGetter(() => server, '/exports/items.csv');
  /** The export as header and rows (fails the test unless it answered 200). */
  async function exported(query: string, token: string) {
    const res = await get(query, token);
    const body = await res.text();
    expect(res.status, body).to.equal(200);
    return { ...csvObjects(body), res, body };
  }
  const errorOf = exportErrorOf;
  const skus = (rows: Record<string, string>[], column = 'sku') => rows.map((r) => r[column]);

  /** A Pokémon card with every field the native columns carry. */
  const charizard = (owner: SignedUp, overrides: Parameters<typeof createItem>[1] = {}) =>
    createItem(owner, {
      name: 'Charizard', sku: unique('PKM'), category: 'trading_card', condition: 'Near Mint', quantity: 3,
      intakePrice: '120.00', price: '349.99', projectedPrice: '399.50', description: 'Base Set, "shadowless"', imageUrl: IMAGE('charizard'),
      attributes: { foil: true, box: 'A, top shelf' },
      cardDetails: {
        game: 'Pokemon', setName: 'Base Set', setCode: 'BS', cardNumber: '4/102', rarity: 'Holo Rare', finish: 'holofoil', language: 'Japanese',
        gradingCompany: 'PSA', grade: 9.5, certNumber: '12345678', externalIds: { tcgplayer: 42382 }, lastEstimatedAt: '2026-11-30T10:00:00.000Z',
        releaseDate: '1999-01-09', printRun: 1000, marketRegion: 'JP', notes: 'line one\nline two',
      },
      ...overrides,
    });

  it('answers the native columns of src/contract/csv.ts as a download: store slug, compact JSON, decimal strings, ISO dates', async () => {
    const owner = await signUp();
    const item = await charizard(owner);
    const plain = await createItem(owner, { name: 'Sleeves', sku: unique('SLV'), quantity: 0, price: '8.99' });
    const { header, rows, res } = await exported('?preset=native&sort=name&order=asc', owner.accessToken);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.match(new RegExp(`^attachment; filename="items-${owner.vendor.slug}-native-\\d{8}-\\d{6}\\.csv"$`));
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(header).to.deep.equal([...nativeColumns]);
    const stores = await owner.caller.stores.list();
    expect(rows).to.deep.equal([
      {
        sku: item.sku, name: 'Charizard', category: 'trading_card', condition: 'Near Mint', status: 'active', store: stores[0]!.slug, quantity: '3',
        intakePrice: '120.00', price: '349.99', projectedPrice: '399.50', description: 'Base Set, "shadowless"', imageUrl: IMAGE('charizard'),
        attributes: '{"box":"A, top shelf","foil":true}', game: 'Pokemon', setName: 'Base Set', setCode: 'BS', cardNumber: '4/102',
        rarity: 'Holo Rare', finish: 'holofoil', language: 'Japanese', gradingCompany: 'PSA', grade: '9.5', certNumber: '12345678',
        externalIds: '{"tcgplayer":42382}', lastEstimatedAt: '2026-11-30T10:00:00.000Z', releaseDate: '1999-01-09', printRun: '1000',
        marketRegion: 'JP', notes: 'line one\nline two',
      },
      {
        sku: plain.sku, name: 'Sleeves', category: 'other', condition: '', status: 'active', store: stores[0]!.slug, quantity: '0',
        intakePrice: '0.00', price: '8.99', projectedPrice: '0.00', description: '', imageUrl: '', attributes: '{}',
        ...Object.fromEntries(nativeColumns.slice(nativeColumns.indexOf('game')).map((c) => [c, ''])),
      },
    ]);
  });

  it('answers TCGplayer’s columns: the id from externalIds or a TCG- SKU, condition with printing and language', async () => {
    const owner = await signUp();
    await charizard(owner, { name: 'A Charizard' });
    await createItem(owner, {
      name: 'B Pikachu', sku: 'TCG-98765', category: 'trading_card', condition: 'Lightly Played', quantity: 7, price: '1.25', projectedPrice: '1.50',
      cardDetails: { game: 'Pokemon', setName: 'Jungle', cardNumber: '60/64', rarity: 'Common', finish: 'reverse_holofoil', language: 'English' },
    });
    await createItem(owner, {
      name: 'C Bulbasaur', sku: unique('BLB'), category: 'trading_card', condition: 'Damaged', quantity: 1,
      cardDetails: { game: 'Pokemon', finish: 'normal' },
    });
    await createItem(owner, { name: 'D Dark Magician', sku: unique('YGO'), condition: 'Near Mint', cardDetails: { finish: 'first_edition_holofoil', language: 'German' } });
    const { header, rows, res } = await exported('?preset=tcgplayer&sort=name&order=asc', owner.accessToken);
    expect(res.headers.get('content-disposition')).to.include('-tcgplayer-');
    expect(header).to.deep.equal([...tcgplayerColumns]);
    expect(rows[0]).to.deep.equal({
      'TCGplayer Id': '42382', 'Product Line': 'Pokemon', 'Set Name': 'Base Set', 'Product Name': 'A Charizard', Title: '', Number: '4/102',
      Rarity: 'Holo Rare', Condition: 'Near Mint Holofoil - Japanese', 'TCG Market Price': '349.99', 'TCG Low Price': '', 'Total Quantity': '3',
      'Add to Quantity': '0', 'TCG Marketplace Price': '399.50', 'Photo URL': IMAGE('charizard'),
    });
    expect(rows[1]).to.include({ 'TCGplayer Id': '98765', 'Set Name': 'Jungle', Condition: 'Lightly Played Reverse Holofoil', 'Total Quantity': '7', 'TCG Market Price': '1.25', 'TCG Marketplace Price': '1.50' });
    expect(rows[2]).to.include({ 'TCGplayer Id': '', Condition: 'Damaged', 'Photo URL': '' });
    expect(rows[3]).to.include({ Condition: 'Near Mint 1st Edition Holofoil - German' });
  });

  it('applies every items.list filter as items.list does, inStock=false included, in its order', async () => {
    const owner = await signUp();
    const empty = await createItem(owner, { name: 'Empty', quantity: 0, category: 'comic', price: '5.00' });
    const stocked = await createItem(owner, { name: 'Stocked', quantity: 4, category: 'comic', price: '50.00' });
    const card = await createItem(owner, { name: 'Card', quantity: 0, category: 'trading_card', price: '2.00', cardDetails: { game: 'Magic' } });
    const archived = await createItem(owner, { name: 'Old', quantity: 0, category: 'comic' });
    await owner.caller.items.archive({ id: archived.id });

    const cases: [string, Parameters<SignedUp['caller']['items']['list']>[0]][] = [
      ['?inStock=false', { inStock: false }],
      ['?inStock=true', { inStock: true }],
      ['?category=comic&sort=price&order=asc', { category: 'comic', sort: 'price', order: 'asc' }],
      ['?game=Magic', { game: 'Magic' }],
      ['?minPrice=3.00&maxPrice=10.00', { minPrice: '3.00', maxPrice: '10.00' }],
      ['?search=stock', { search: 'stock' }],
      ['?status=archived', { status: 'archived' }],
      ['?lowStock=true', { lowStock: true }],
    ];
    for (const [query, input] of cases) {
      const listed = (await owner.caller.items.list({ ...input, limit: 200 })).items.map((i) => i.sku);
      expect(skus((await exported(query, owner.accessToken)).rows), query).to.deep.equal(listed);
    }
    expect(skus((await exported('?inStock=false&sort=name&order=asc', owner.accessToken)).rows)).to.deep.equal([card.sku, empty.sku]);
    expect(skus((await exported('?inStock=true', owner.accessToken)).rows)).to.deep.equal([stocked.sku]);
  });

  it('keeps staff and viewers to the stores they read; a store outside them, or another vendor’s, is 404', async () => {
    const owner = await signUp();
    const annex = await owner.caller.stores.create({ name: unique('Annex') });
    const main = await defaultStoreId(owner.vendor.id);
    const inMain = await createItem(owner, { name: 'Main item' });
    const inAnnex = await createItem(owner, { name: 'Annex item', storeId: annex.id });
    const staff = await joinVendor(owner, 'staff', [{ storeId: annex.id, role: 'view_only' }]);
    const viewer = await joinAs(owner, 'viewer');

    expect(skus((await exported('', staff.accessToken)).rows)).to.deep.equal([inAnnex.sku]);
    expect(skus((await exported(`?storeId=${annex.id}`, staff.accessToken)).rows)).to.deep.equal([inAnnex.sku]);
    const refused = await get(`?storeId=${main}`, staff.accessToken);
    expect(refused.status).to.equal(404);
    expect(await errorOf(refused)).to.deep.include({ code: 'NOT_FOUND', message: 'Store not found', httpStatus: 404 });
    expect((await exported('', viewer.accessToken)).rows, 'a viewer without grants reads no store').to.deep.equal([]);
    expect(skus((await exported('?sort=name&order=asc', owner.accessToken)).rows)).to.deep.equal([inAnnex.sku, inMain.sku]);

    const other = await signUp();
    await createItem(other, { name: 'Not yours' });
    expect(skus((await exported('', other.accessToken)).rows), 'another vendor’s items never appear').to.have.length(1);
    expect(skus((await exported('', other.accessToken)).rows)).to.not.include(inMain.sku);
    expect((await get(`?storeId=${annex.id}`, other.accessToken)).status, 'another vendor’s store').to.equal(404);
  });

  it('answers 401 without a valid token and 400 naming the field of a bad query, as JSON errors', async () => {
    const owner = await signUp();
    const anonymous = await get('');
    expect(anonymous.status).to.equal(401);
    expect(await errorOf(anonymous)).to.deep.equal({ code: 'UNAUTHORIZED', message: 'Authentication required', httpStatus: 401 });
    expect((await get('', 'not-a-token')).status).to.equal(401);

    for (const [query, path] of [['?inStock=0', 'inStock'], ['?preset=xml', 'preset'], ['?minPrice=1.999', 'minPrice'], ['?sort=colour', 'sort']] as const) {
      const res = await get(query, owner.accessToken);
      expect(res.status, query).to.equal(400);
      const error = await errorOf(res);
      expect(error.code).to.equal('BAD_REQUEST');
      expect(error.issues!.map((i) => i.path.join('.')), query).to.deep.equal([path]);
    }
    const twice = await errorOf(await get('?category=comic&category=toy', owner.accessToken));
    expect(twice.issues).to.deep.equal([{ path: ['category'], message: 'must be given once' }]);
    expect((await get('?limit=5', owner.accessToken)).status, 'an export has no pages').to.equal(400);
  });

  it('escapes text cells that a spreadsheet would run as a formula, reversibly', async () => {
    const owner = await signUp();
    const cells = ['=HYPERLINK("http://evil.test","x")', '+1+2', '-3', '@SUM(A1)', "'=already quoted"];
    for (const [i, name] of cells.entries()) await createItem(owner, { name, sku: `F${i}`, description: name, condition: name, price: '1.00' });
    const { rows } = await exported('?sort=sku&order=asc', owner.accessToken);
    expect(rows.map((r) => r.name)).to.deep.equal(cells.map((c) => `'${c}`));
    expect(rows.map((r) => r.description)).to.deep.equal(cells.map((c) => `'${c}`));
    expect(rows.map((r) => unescapeFormulaCell(r.condition!))).to.deep.equal(cells);
    expect(rows.map((r) => r.price), 'numbers are never escaped (and never negative)').to.deep.equal(cells.map(() => '1.00'));
    const tcg = (await exported('?preset=tcgplayer&sort=sku&order=asc', owner.accessToken)).rows;
    expect(tcg.map((r) => r['Product Name'])).to.deep.equal(cells.map((c) => `'${c}`));
  });

  it('streams thousands of rows with backpressure: a client that stops reading stops the export', async () => {
    const owner = await signUp();
    // About 40 MB of CSV: far more than the socket buffers between the server and the client hold.
    const count = 5000;
    const description = 'x'.repeat(8000);
    await bulkItems(owner, count, description);
    const original = itemPresets.native.record;
    let produced = 0;
    itemPresets.native.record = (row) => (produced++, original(row));
    try {
      const url = new URL(`${server.baseUrl}/exports/items.csv?sort=sku&order=asc`);
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        const req = request(url, { agent: false, headers: { authorization: `Bearer ${owner.accessToken}` } }, (res) => {
          const fail = (error: Error) => {
            req.destroy(); // frees the server's cursor, which would block the next test's truncate
            reject(error);
          };
          res.once('data', (chunk: Buffer) => {
            chunks.push(chunk);
            res.pause();
            // Stopped reading: the server fills the socket's buffers, then waits instead of reading on.
            setTimeout(() => {
              try {
                expect(produced, 'rows turned into CSV while the client was not reading').to.be.below(count / 2);
              } catch (error) {
                fail(error as Error);
                return;
              }
              res.on('data', (more: Buffer) => chunks.push(more));
              res.on('end', resolve);
              res.resume();
            }, 500);
          });
          res.on('error', fail);
        });
        req.on('error', reject);
        req.end();
      });
      // The bulk rows hold no line breaks: one line each (parsing 40 MB cell by cell would only slow the test).
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      expect(lines.pop(), 'the file ends with a line break').to.equal('');
      expect(lines).to.have.length(count + 1);
      expect(produced).to.equal(count);
      const { rows } = csvObjects([lines[0], lines[1], lines.at(-1)].join('\n'));
      expect(rows[0]).to.include({ sku: 'BULK-00001', quantity: '1', price: '1.99', description });
      expect(rows[1]).to.include({ sku: `BULK-0${count}`, description });
    } finally {
      itemPresets.native.record = original;
    }
  });

  it('closes the cursor and frees its connection when the client goes away half-way', async () => {
    const owner = await signUp();
    await bulkItems(owner, 5000, 'y'.repeat(2000));
    // The export's statement, on a backend of this run's database that is not idle: its cursor is open. (Another test run
    // may share the cluster and be exporting too.)
    const openCursors = async () => {
      const [row] = await app().orm.em.fork().execute<{ n: string }[]>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and state <> 'idle' and query like '%cd.external_ids as "externalIds"%' and pid <> pg_backend_pid()`,
      );
      return Number(row!.n);
    };
    await new Promise<void>((resolve, reject) => {
      const req = request(new URL(`${server.baseUrl}/exports/items.csv`), { agent: false, headers: { authorization: `Bearer ${owner.accessToken}` } }, (res) => {
        res.once('data', () => {
          res.pause();
          // The export's backend shows its statement between fetches as the load allows: ask until it does.
          const seen = async () => {
            for (const until = Date.now() + 5000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) if ((await openCursors()) === 1) return true;
            return false;
          };
          seen().then((open) => {
            req.destroy();
            if (open) resolve();
            else reject(new Error('the cursor was not seen open while the client waited'));
          }, (error: unknown) => {
            req.destroy();
            reject(error as Error);
          });
        });
      });
      // Its own connection (no reused keep-alive socket), and an error before the answer fails the test.
      req.on('error', reject);
      req.end();
    });
    for (let waited = 0; (await openCursors()) > 0; waited += 50) {
      expect(waited, 'the cursor is still open 5 s after the client left').to.be.below(5000);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('resolves the caller through the tRPC vendor tier’s own function: both refuse and admit alike', async () => {
    const owner = await signUp();
    const removed = await joinAs(owner, 'staff');
    await owner.caller.members.remove({ memberId: removed.memberId });
    const disabled = await joinAs(owner, 'viewer');
    await app().orm.em.fork().nativeUpdate(User, { id: disabled.user.id }, { isActive: false });
    const viewer = await joinAs(owner, 'viewer');

    const expectations: [string, string | undefined, 'FORBIDDEN' | 'UNAUTHORIZED' | null][] = [
      ['anonymous', undefined, 'UNAUTHORIZED'],
      ['a removed member', removed.accessToken, 'FORBIDDEN'],
      ['a disabled account', disabled.accessToken, 'UNAUTHORIZED'],
      ['a viewer', viewer.accessToken, null],
    ];
    for (const [who, token, code] of expectations) {
      const res = await get('', token);
      if (code === null) {
        expect(res.status, who).to.equal(200);
        await callerAs(token).items.list();
        continue;
      }
      const error = await errorOf(res);
      const trpc = await expectTRPCError(callerAs(token).items.list(), code);
      expect(error.code, who).to.equal(code);
      expect(error.message, `${who}: the same message as tRPC`).to.equal(trpc.message);
    }
  });
});
