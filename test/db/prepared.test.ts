import { expect } from 'chai';
import { preparedRows } from '../../src/db/prepared.js';
import { sql } from '../../src/db/sql.js';
import { captureSql } from '../../scripts/support/capture-sql.js';
import { app } from '../support/app.js';
import { signUp } from '../support/fixtures.js';

// The statement lists the prepared statements of the connection it runs on, itself among them.
const ownPreparation = (marker: string) => sql`select name, statement from pg_prepared_statements where statement like ${`%${marker}%`}`;

describe('prepared reads (src/db/prepared.ts)', () => {
  it('prepares a statement once on the connection, under a name of its text, with its values as parameters', async () => {
    const em = app().orm.em.fork();
    const rows = await preparedRows<{ name: string; statement: string }>(em, ownPreparation('pg_prepared_statements where statement like'));
    expect(rows).to.have.length(1);
    expect(rows[0]!.name).to.match(/^omni_[0-9a-f]{20}$/);
    expect(rows[0]!.statement).to.contain('like $1');
    const again = await preparedRows<{ name: string }>(em, ownPreparation('pg_prepared_statements where statement like'));
    expect(again.map((row) => row.name)).to.deep.equal([rows[0]!.name]);
  });

  it('passes values as they are, whatever they hold', async () => {
    const awkward = "it's a ?, a $1 and a \\ and 'quotes'";
    const [row] = await preparedRows<{ text: string; n: number; flag: boolean; nothing: null }>(
      app().orm.em.fork(),
      sql`select ${awkward}::text as text, ${7}::int as n, ${true}::boolean as flag, ${null}::text as nothing`,
    );
    expect(row).to.deep.equal({ text: awkward, n: 7, flag: true, nothing: null });
  });

  it('reads what the transaction it runs in wrote and has not committed', async () => {
    const owner = await signUp();
    const seen = await app().orm.em.fork().transactional(async (tx) => {
      await tx.execute('update vendors set name = ? where id = ?', ['Renamed in the transaction', owner.vendor.id]);
      return preparedRows<{ name: string }>(tx, sql`select name from vendors where id = ${owner.vendor.id}`);
    });
    expect(seen).to.deep.equal([{ name: 'Renamed in the transaction' }]);
  });

  it("shows every statement to the ORM's onQuery hook, as em.execute does (the bench's baselines replay them)", async () => {
    const services = app();
    const statements = await captureSql(services, () => preparedRows(services.orm.em.fork(), sql`select ${42}::int as answer`));
    expect(statements).to.deep.equal([{ text: 'select ?::int as answer', params: [42], inlined: 'select 42::int as answer' }]);
  });
});
