import { expect } from 'chai';
import { Item, StockMovement } from '../../../src/modules/inventory/entities.js';
import { app } from '../../support/app.js';
import { callerAs, expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';
import { createItem, IMAGE } from '../../support/items.js';
import { countStatements } from '../../support/statements.js';

const fork = () => app().orm.em.fork();

async function ledgerSum(itemId: string): Promise<number> {
  const [row] = await fork().execute<{ sum: string }[]>('select coalesce(sum(delta), 0) as sum from stock_movements where item_id = ?', [itemId]);
  return Number(row?.sum);
}

describe('items.adjustStock and the ledger', () => {
  it('moves stock with a movement carrying reason, note, actor and before/after', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 4 });
    const { item: after, movement } = await shop.caller.items.adjustStock({ id: item.id, delta: -3, reason: 'damage', note: 'water damage' });
    expect(after).to.include({ quantity: 1, version: 2 });
    expect(movement).to.include({ delta: -3, quantityBefore: 4, quantityAfter: 1, reason: 'damage', note: 'water damage', reference: null, actorId: shop.user.id });
    await shop.caller.items.adjustStock({ id: item.id, delta: 10, reason: 'return' });
    expect((await shop.caller.items.get({ id: item.id })).quantity).to.equal(11);
    expect(await ledgerSum(item.id)).to.equal(11);
  });

  it("answers the item as items.get does, in three statements (membership, lock, update); a create in four, the item's insert last", async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 4, cardDetails: { game: 'Pokemon', grade: 9.5 }, images: [{ url: IMAGE('a') }] });
    // An upper-case id finds the item as PostgreSQL spells it.
    const adjust = await countStatements(() => shop.caller.items.adjustStock({ id: item.id.toUpperCase(), delta: 2, reason: 'intake' }));
    expect(adjust.result.item).to.deep.equal(await shop.caller.items.get({ id: item.id }));
    expect(adjust.statements, adjust.statements.join('\n')).to.have.length(3);
    const create = await countStatements(() => shop.caller.items.create({ name: 'Counted', sku: 'COUNTED-1', quantity: 1, price: '9.99' }));
    expect(create.statements, create.statements.join('\n')).to.have.length(4);
    // The item goes in last, so its totals rows stay locked only for the commit.
    expect(create.statements.at(-1)).to.match(/^insert into "items"/);
    const [audited] = await fork().execute<{ n: number }[]>("select count(*)::int as n from audit_events where entity_id in (?, ?) and action in ('items.adjustStock', 'items.create')", [item.id, create.result.id]);
    expect(audited!.n).to.equal(3);
  });

  it('answers CONFLICT with the available quantity instead of going below zero', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 2 });
    const error = await expectTRPCError(shop.caller.items.adjustStock({ id: item.id, delta: -3, reason: 'sale' }), 'CONFLICT');
    expect(error.data.available).to.equal(2);
    expect(await fork().count(StockMovement, { item: item.id })).to.equal(1);
  });

  it('validates delta, reason and note', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 2 });
    const cases: [Record<string, unknown>, string][] = [
      [{ delta: 0 }, 'delta'],
      [{ delta: 1.5 }, 'delta'],
      [{ reason: 'theft' }, 'reason'],
      [{ note: 'x'.repeat(1001) }, 'note'],
    ];
    for (const [overrides, path] of cases) {
      const input = { id: item.id, delta: 1, reason: 'adjustment', ...overrides } as never;
      expect(issuePaths(await expectTRPCError(shop.caller.items.adjustStock(input), 'BAD_REQUEST'))).to.include(path);
    }
    await expectTRPCError(callerAs().items.adjustStock({ id: item.id, delta: 1, reason: 'adjustment' }), 'UNAUTHORIZED');
  });

  it('never oversells under 50 concurrent decrements of an item with 20 in stock', async function () {
    this.timeout(60_000);
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 20 });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => shop.caller.items.adjustStock({ id: item.id, delta: -1, reason: 'sale' })),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(succeeded).to.have.length(20);
    expect(failed).to.have.length(30);
    for (const failure of failed) {
      const shape = await expectTRPCError(Promise.reject(failure.reason), 'CONFLICT');
      expect(shape.data.available).to.equal(0);
    }
    const stored = await fork().findOneOrFail(Item, { id: item.id });
    expect(stored.quantity).to.equal(0);
    expect(await fork().count(StockMovement, { item: item.id, reason: 'sale' })).to.equal(20);
    expect(await ledgerSum(item.id)).to.equal(0);
    const afters = succeeded.map((r) => r.value.movement.quantityAfter).sort((a, b) => a - b);
    expect(afters).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
  });

  it('loses no delta when increments and decrements race', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 10 });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => shop.caller.items.adjustStock({ id: item.id, delta: i % 2 ? -1 : 2, reason: 'adjustment' })),
    );
    expect((await shop.caller.items.get({ id: item.id })).quantity).to.equal(20);
    expect(await ledgerSum(item.id)).to.equal(20);
  });

  it('pages the ledger newest first with a stable cursor', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 1 });
    for (let i = 0; i < 4; i++) await shop.caller.items.adjustStock({ id: item.id, delta: 1, reason: 'intake', note: `n${i}` });
    const first = await shop.caller.items.movements({ id: item.id, limit: 3 });
    expect(first.total).to.equal(5);
    expect(first.items.map((m) => m.note)).to.deep.equal(['n3', 'n2', 'n1']);
    await shop.caller.items.adjustStock({ id: item.id, delta: 1, reason: 'intake', note: 'late' });
    const second = await shop.caller.items.movements({ id: item.id, limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((m) => m.note ?? m.reason)).to.deep.equal(['n0', 'intake']);
    expect(second.nextCursor).to.equal(null);
    expect(issuePaths(await expectTRPCError(shop.caller.items.movements({ id: item.id, cursor: 'garbage' }), 'BAD_REQUEST'))).to.deep.equal(['cursor']);
    expect(issuePaths(await expectTRPCError(shop.caller.items.movements({ id: item.id, limit: 201 }), 'BAD_REQUEST'))).to.deep.equal(['limit']);
  });
});
