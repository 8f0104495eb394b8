import { expect } from 'chai';
import { tcgplayerColumns } from '../../../src/contract/csv.js';
import { signUp } from '../../support/fixtures.js';
import { csvOf, runImport } from '../../support/imports.js';

const conditions = [
  'Near Mint Holofoil', 'Lightly Played Reverse Holofoil', 'Near Mint Foil', 'Moderately Played 1st Edition',
  'Heavily Played 1st Edition Holofoil', 'Damaged Unlimited', 'Near Mint', 'NM Holofoil',
];

/** A TCGplayer seller inventory export of 220 rows, with the real header, made the same way every run. */
function tcgplayerExport(): string {
  const rows: (string | number)[][] = [[...tcgplayerColumns]];
  for (let i = 0; i < 220; i++) {
    rows.push([
      500_000 + i, i % 2 ? 'Pokemon' : 'Magic: The Gathering', `Set ${i % 7}`, `Card ${i}`, '', `${i}/220`, 'Rare',
      conditions[i % conditions.length]!, `${i % 40}.${String(i % 100).padStart(2, '0')}`, '0.10', i % 5, i % 3, `${(i % 40) + 1}.99`, '',
    ]);
  }
  rows.push([777001, 'Pokemon', 'Base Set', 'Pikachu, Yellow Cheeks', 'Pikachu', '58/102', 'Common', 'Lightly Played Holofoil - Japanese', '12.50', '9.00', 1, 2, '14.00', '']);
  rows.push([777002, 'Magic: The Gathering', 'Alpha', 'Lord of the Pit, "Demon"', '', '1', 'Rare', 'Near Mint', '1000', '900', 1, 0, '1200.5', '']);
  return csvOf(rows);
}

describe('imports: the tcgplayer preset', () => {
  it('reads a seller export: condition, printing and language from Condition, quantity Total + Add, prices, external id', async () => {
    const shop = await signUp();
    const job = await runImport(shop, { csv: tcgplayerExport(), fileName: 'TCGplayer__Pricing_Custom_Export.csv', preset: 'tcgplayer' });
    expect(job.status, job.failure ?? JSON.stringify(job.errors)).to.equal('succeeded');
    expect(job.summary).to.deep.equal({ create: 222, update: 0, unchanged: 0, error: 0 });
    const bySku = async (sku: string) => {
      const { items } = await shop.caller.items.list({ search: sku });
      return shop.caller.items.get({ id: items.find((i) => i.sku === sku)!.id });
    };
    const expected: [number, string, string][] = [
      [0, 'Near Mint', 'holofoil'], [1, 'Lightly Played', 'reverse_holofoil'], [2, 'Near Mint', 'holofoil'], [3, 'Moderately Played', 'first_edition'],
      [4, 'Heavily Played', 'first_edition_holofoil'], [5, 'Damaged', 'unlimited'], [6, 'Near Mint', 'normal'], [7, 'Near Mint', 'holofoil'],
    ];
    for (const [i, condition, finish] of expected) {
      const item = await bySku(`TCG-${500_000 + i}`);
      expect(item, `row ${i}`).to.include({ condition, category: 'trading_card', quantity: (i % 5) + (i % 3), name: `Card ${i}` });
      expect(item.cardDetails, `row ${i}`).to.include({ finish, language: 'English', setName: `Set ${i % 7}`, cardNumber: `${i}/220`, rarity: 'Rare' });
      expect(item.cardDetails!.externalIds).to.deep.equal({ tcgplayer: 500_000 + i });
    }
    const pikachu = await bySku('TCG-777001');
    expect(pikachu).to.include({ name: 'Pikachu, Yellow Cheeks', condition: 'Lightly Played', quantity: 3, price: '12.50', projectedPrice: '14.00' });
    expect(pikachu.cardDetails).to.include({ finish: 'holofoil', language: 'Japanese', game: 'Pokemon', setName: 'Base Set', cardNumber: '58/102' });
    const lord = await bySku('TCG-777002');
    expect(lord).to.include({ name: 'Lord of the Pit, "Demon"', condition: 'Near Mint', price: '1000.00', projectedPrice: '1200.50', quantity: 1 });
    expect(lord.cardDetails).to.include({ finish: 'normal', language: 'English', game: 'Magic: The Gathering' });

    // The same export again changes nothing.
    const again = await runImport(shop, { csv: tcgplayerExport(), preset: 'tcgplayer', mode: 'dryRun' });
    expect(again.summary).to.deep.equal({ create: 0, update: 0, unchanged: 222, error: 0 });
  });

  it('takes a mapped SKU column instead of TCG-<id>, and names the Condition column for an unknown printing', async () => {
    const shop = await signUp();
    const header = [...tcgplayerColumns, 'SKU'];
    const row = (id: number, condition: string, sku: string) => [id, 'Pokemon', 'Jungle', 'Scyther', '', '10/64', 'Rare', condition, '3.00', '', 1, 0, '', '', sku];
    const job = await runImport(shop, {
      csv: csvOf([header, row(1, 'Near Mint Holofoil', 'MY-SCY-1'), row(2, 'Near Mint Glitter', 'MY-SCY-2')]),
      preset: 'tcgplayer', mapping: { SKU: 'sku' }, partial: true,
    });
    expect(job.summary).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 1 });
    expect(job.errors).to.deep.equal([{ row: 3, column: 'Condition', message: 'has an unknown printing "Glitter"' }]);
    expect((await shop.caller.items.list({})).items.map((i) => i.sku)).to.deep.equal(['MY-SCY-1']);
  });
});
