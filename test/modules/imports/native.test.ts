import { expect } from 'chai';
import { app } from '../../support/app.js';
import { signUp } from '../../support/fixtures.js';
import { csvOf, runImport } from '../../support/imports.js';

const fork = () => app().orm.em.fork();

describe('imports: the native preset', () => {
  it('creates items with their stock as import movements and prices as import history, then updates only what changed', async () => {
    const shop = await signUp();
    const header = ['sku', 'name', 'category', 'condition', 'quantity', 'intakePrice', 'price', 'projectedPrice', 'game', 'setName', 'finish', 'attributes'];
    const first = await runImport(shop, {
      csv: csvOf([header, ['PIKA-1', 'Pikachu', 'trading_card', 'nm', 3, '1.50', '4', '5.25', 'Pokémon', 'Base Set', 'holofoil', '{"note":"x"}'], ['BOX-1', 'Booster box', 'sealed_product', '', 0, '', '100.00', '', '', '', '', '']]),
    });
    expect(first.status, first.failure ?? '').to.equal('succeeded');
    expect(first.summary).to.deep.equal({ create: 2, update: 0, unchanged: 0, error: 0 });
    expect(first.wouldApply).to.equal(true);
    const { items } = await shop.caller.items.list({ sort: 'sku', order: 'asc' });
    expect(items.map((i) => [i.sku, i.quantity, i.price, i.condition])).to.deep.equal([['BOX-1', 0, '100.00', null], ['PIKA-1', 3, '4.00', 'Near Mint']]);
    const pika = await shop.caller.items.get({ id: items[1]!.id });
    expect(pika.cardDetails).to.include({ game: 'Pokémon', setName: 'Base Set', finish: 'holofoil' });
    expect(pika.attributes).to.deep.equal({ note: 'x' });
    const moves = await shop.caller.items.movements({ id: pika.id });
    expect(moves.items.map((m) => [m.reason, m.delta, m.quantityBefore, m.quantityAfter, m.reference])).to.deep.equal([['import', 3, 0, 3, first.id]]);
    const history = await shop.caller.items.priceHistory({ id: pika.id });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.source]).sort()).to.deep.equal([
      ['intakePrice', null, '1.50', 'import'], ['price', null, '4.00', 'import'], ['projectedPrice', null, '5.25', 'import'],
    ]);
    const search = await shop.caller.items.list({ search: 'base set' });
    expect(search.items.map((i) => i.sku)).to.deep.equal(['PIKA-1']);

    // Again, with one price changed, a quantity changed and a lower-case SKU: only that row updates.
    const second = await runImport(shop, {
      csv: csvOf([['sku', 'name', 'quantity', 'price'], ['pika-1', 'Pikachu', 5, '4.50'], ['BOX-1', 'Booster box', '', '100']]),
    });
    expect(second.summary).to.deep.equal({ create: 0, update: 1, unchanged: 1, error: 0 });
    const after = await shop.caller.items.get({ id: pika.id });
    expect(after).to.include({ sku: 'PIKA-1', quantity: 5, price: '4.50', intakePrice: '1.50', version: 2, condition: 'Near Mint' });
    expect(after.cardDetails).to.include({ game: 'Pokémon', finish: 'holofoil' });
    const moves2 = await shop.caller.items.movements({ id: pika.id });
    expect(moves2.items.map((m) => [m.delta, m.quantityBefore, m.quantityAfter])).to.deep.include.members([[2, 3, 5]]);
    const [sum] = await fork().execute<{ s: string }[]>('select sum(delta) as s from stock_movements where item_id = ?', [pika.id]);
    expect(Number(sum!.s)).to.equal(5);
    const events = await shop.caller.audit.list({ action: 'imports.apply' });
    expect(events.items).to.have.length(2);
    expect(events.items[0]).to.deep.include({ entity: 'ImportJob', entityId: second.id, actorId: shop.user.id });
  });

  it('a dry run reports what apply would do and writes nothing', async () => {
    const shop = await signUp();
    const csv = csvOf([['sku', 'name', 'quantity'], ['A-1', 'Alpha', 2], ['B-1', 'Beta', 1]]);
    const dry = await runImport(shop, { csv, mode: 'dryRun' });
    expect(dry).to.include({ status: 'succeeded', wouldApply: true, rowsTotal: 2, rowsDone: 2 });
    expect(dry.summary).to.deep.equal({ create: 2, update: 0, unchanged: 0, error: 0 });
    expect((await shop.caller.items.list({})).total).to.equal(0);
    const applied = await runImport(shop, { csv });
    expect(applied.summary).to.deep.equal(dry.summary);
    const again = await runImport(shop, { csv, mode: 'dryRun' });
    expect(again.summary).to.deep.equal({ create: 0, update: 0, unchanged: 2, error: 0 });
  });
});
