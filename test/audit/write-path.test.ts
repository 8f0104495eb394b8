import { DeadlockException } from '@mikro-orm/core';
import { TRPCError } from '@trpc/server';
import { expect } from 'chai';
import { createCaller } from '../../src/caller.js';
import { AppError } from '../../src/core/errors.js';
import { write, type Transaction, type WriteContext } from '../../src/db/write.js';
import { AuditEvent } from '../../src/modules/audit/entities.js';
import { Store } from '../../src/modules/vendors/entities.js';
import { toTRPCError, uniqueFields } from '../../src/trpc/errors.js';
import { app } from '../support/app.js';
import { rejectionOf, signUp } from '../support/fixtures.js';
import { createItem } from '../support/items.js';
import { defaultStoreId, memberWriteContext } from '../support/members.js';

const fork = () => app().orm.em.fork();
const ownerContext = async (shop: Awaited<ReturnType<typeof signUp>>) => {
  const [member] = await fork().execute<{ id: string }[]>('select id from vendor_members where user_id = ?', [shop.user.id]);
  return memberWriteContext(member!.id);
};

/**
 * Makes the transaction lose a real serialization race (PostgreSQL 40001), deterministically:
 * it reads the store under repeatable read, another connection changes the store and commits,
 * so the transaction's own update of it fails with "could not serialize access due to concurrent update".
 */
async function loseSerializationRace(tx: Transaction<WriteContext>, storeId: string) {
  await tx.em.execute('set transaction isolation level repeatable read');
  await tx.em.execute('select id from stores where id = ?', [storeId]);
  await fork().execute('update stores set name = name where id = ?', [storeId]);
  await tx.em.nativeUpdate(Store, { id: storeId }, { address: 'lost the race' });
}

describe('the write path', () => {
  it('a write that fails half way leaves neither its change, nor its audit event, nor its after-commit effect', async () => {
    const shop = await signUp();
    const wc = await ownerContext(shop);
    const storeId = await defaultStoreId(shop.vendor.id);
    let effectRan = false;
    const failing = write(wc, async (tx) => {
      await tx.em.nativeUpdate(Store, { id: storeId }, { address: 'half written' });
      tx.audit({ entity: 'Store', entityId: storeId, changes: { address: { before: null, after: 'half written' } } });
      tx.afterCommit(async () => {
        effectRan = true;
      });
      await tx.em.flush();
      throw new Error('forced failure after the first statement');
    });
    expect((await rejectionOf(failing)).message).to.equal('forced failure after the first statement');
    expect((await fork().findOneOrFail(Store, storeId)).address).to.equal(null);
    expect(await fork().count(AuditEvent, { entityId: storeId })).to.equal(0);
    expect(effectRan).to.equal(false);
  });

  it('runs after-commit effects once committed; a failing effect is logged and the write stands', async () => {
    const shop = await signUp();
    const wc = await ownerContext(shop);
    const storeId = await defaultStoreId(shop.vendor.id);
    const order: string[] = [];
    await write(wc, async (tx) => {
      tx.afterCommit(async () => {
        order.push('first');
        throw new Error('the mail server is down');
      });
      tx.afterCommit(async () => {
        order.push('second');
      });
      await tx.em.nativeUpdate(Store, { id: storeId }, { address: 'committed' });
      order.push('work');
    });
    expect(order).to.deep.equal(['work', 'first', 'second']);
    expect((await fork().findOneOrFail(Store, storeId)).address).to.equal('committed');
  });

  it('a service called inside a transaction joins it instead of opening its own', async () => {
    const shop = await signUp();
    const wc = await ownerContext(shop);
    const storeId = await defaultStoreId(shop.vendor.id);
    const failing = write(wc, async (tx) => {
      await write(tx, async (inner) => {
        expect(inner.em).to.equal(tx.em);
        await inner.em.nativeUpdate(Store, { id: storeId }, { address: 'inner' });
      });
      throw new Error('outer fails after the inner write');
    });
    expect((await rejectionOf(failing)).message).to.equal('outer fails after the inner write');
    expect((await fork().findOneOrFail(Store, storeId)).address).to.equal(null);
  });

  describe('a deadlock or serialization failure', () => {
    /** A write that records an audit event and an effect, then changes the store; `lose` decides which attempts lose a race first. */
    async function raceWrite(lose: (attempt: number) => boolean) {
      const shop = await signUp();
      const wc = await ownerContext(shop);
      const storeId = await defaultStoreId(shop.vendor.id);
      let attempts = 0;
      let effects = 0;
      const written = write(wc, async (tx) => {
        attempts++;
        tx.audit({ entity: 'Store', entityId: storeId, changes: { address: { before: null, after: 'won' } } });
        tx.afterCommit(async () => {
          effects++;
        });
        if (lose(attempts)) await loseSerializationRace(tx, storeId);
        await tx.em.nativeUpdate(Store, { id: storeId }, { address: 'won' });
      });
      const outcome = await written.then(() => null, (error: unknown) => error);
      const address = (await fork().findOneOrFail(Store, storeId)).address;
      return { outcome, attempts, effects, address, audited: await fork().count(AuditEvent, { entityId: storeId }) };
    }

    it('retries the whole work: done, audited and its effect run once', async () => {
      const run = await raceWrite((attempt) => attempt === 1);
      expect(run).to.deep.equal({ outcome: null, attempts: 2, effects: 1, address: 'won', audited: 1 });
    });

    it('on every attempt: three attempts, nothing written, answered SERVICE_UNAVAILABLE with retryAfter', async () => {
      const run = await raceWrite(() => true);
      expect(run.outcome).to.be.instanceOf(DeadlockException);
      expect(run).to.deep.include({ attempts: 3, effects: 0, address: null, audited: 0 });
      const answer = toTRPCError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: run.outcome }));
      expect(answer.code).to.equal('SERVICE_UNAVAILABLE');
      expect((answer.cause as AppError).data).to.deep.equal({ retryAfter: 1 });
    });
  });

  it('audit events, stock movements and price changes refuse UPDATE and DELETE in the database', async () => {
    const shop = await signUp();
    await createItem(shop, { quantity: 2, price: '5.00' });
    for (const table of ['audit_events', 'stock_movements', 'price_changes']) {
      expect((await rejectionOf(fork().execute(`update ${table} set created_at = now()`))).message, `update ${table}`).to.match(/append-only: UPDATE/);
      expect((await rejectionOf(fork().execute(`delete from ${table}`))).message, `delete ${table}`).to.match(/append-only: DELETE/);
    }
    expect(await fork().count(AuditEvent, {})).to.be.greaterThan(0);
  });

  it('names the field of every unique constraint of the schema', async () => {
    const constraints = await fork().execute<{ name: string }[]>(
      `select indexname as name from pg_indexes where schemaname = current_schema() and indexdef like 'CREATE UNIQUE INDEX%' and indexname not like '%_pkey'`,
    );
    expect(constraints.map((c) => c.name).filter((name) => !uniqueFields[name])).to.deep.equal([]);
  });

  it('createCaller builds a fresh request context, and EntityManager, for every call', async () => {
    const shop = await signUp();
    let forks = 0;
    const services = { ...app(), orm: { ...app().orm, em: { fork: () => (forks++, app().orm.em.fork()) } } } as unknown as ReturnType<typeof app>;
    const caller = createCaller(services, { accessToken: shop.accessToken });
    await caller.users.me();
    await caller.users.me();
    expect(forks).to.equal(2);
  });

  it('the entities and the migrations describe the same schema (no drift)', async () => {
    const diff = await app().orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(diff.trim()).to.equal('');
  });
});
