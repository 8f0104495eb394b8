import { expect } from 'chai';
import { app } from '../../support/app.js';
import { changedTables, tableFingerprints } from '../../support/fingerprint.js';
import { signUp } from '../../support/fixtures.js';
import { exportGetter } from '../../support/exports.js';
import { startHttpApp } from '../../support/http.js';
import { runImport } from '../../support/imports.js';
import { createItem } from '../../support/items.js';

/** The tables an import writes; a round trip must leave every one of them as it was. */
const written = ['items', 'card_details', 'item_images', 'stock_movements', 'price_changes', 'inventory_totals'];

describe('imports: a native export imports back unchanged', () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  before(async () => (server = await startHttpApp()));
  after(() => server.stop());

  it('export → dry run: 0 creates, 0 updates; applied, the items, ledgers and totals are row for row the same', async () => {
    const shop = await signUp();
    await createItem(shop, {
      name: 'Charizard, "Base Set"', sku: 'PKM-4', quantity: 3, intakePrice: '120.00', price: '350.00', projectedPrice: '399.99',
      category: 'trading_card', condition: 'Near Mint', description: 'Line one\nline two',
      cardDetails: { game: 'Pokémon', setName: 'Base Set', cardNumber: '4/102', rarity: 'Holo Rare', finish: 'holofoil', language: 'Japanese', gradingCompany: 'PSA', grade: 9.5, externalIds: { tcgplayer: 42 }, releaseDate: '1999-01-09' },
    });
    await createItem(shop, { name: '=HYPERLINK("x")', sku: '+SKU-1', quantity: 0, price: '1.00', category: 'video_game', attributes: { platform: 'SNES', completeness: 'cib' } });
    await createItem(shop, { name: 'Plain sleeve', sku: 'SLV-1', quantity: 100, price: '0.10' });

    const res = await exportGetter(() => server, '/exports/items.csv')('?preset=native', shop.accessToken);
    const csv = await res.text();
    expect(res.status, csv).to.equal(200);
    expect(csv).to.include("'=HYPERLINK");

    const dry = await runImport(shop, { csv, mode: 'dryRun' });
    expect(dry.summary, JSON.stringify(dry.errors)).to.deep.equal({ create: 0, update: 0, unchanged: 3, error: 0 });
    const before = await tableFingerprints(allBut(written));
    const applied = await runImport(shop, { csv });
    expect(applied.summary).to.deep.equal({ create: 0, update: 0, unchanged: 3, error: 0 });
    expect(changedTables(before, await tableFingerprints(allBut(written)))).to.deep.equal([]);
  });
});

/** tableFingerprints takes the tables to leave out: every table but `tables`. */
function allBut(tables: string[]): string[] {
  return [...app().orm.getMetadata().getAll().values()].map((meta) => meta.tableName).filter((name) => name && !tables.includes(name));
}
