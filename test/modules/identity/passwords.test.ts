import bcrypt from 'bcrypt';
import { expect } from 'chai';
import { User } from '../../../src/modules/identity/entities.js';
import { createCaller } from '../../../src/caller.js';
import { app, testConfig } from '../../support/app.js';
import { callerAs, expectTRPCError, PASSWORD, signUp, unique } from '../../support/fixtures.js';

/** Runs `work` while recording the cost of every hash bcrypt.compare is given. */
async function comparedCosts(work: () => Promise<unknown>): Promise<number[]> {
  const compare = bcrypt.compare;
  const costs: number[] = [];
  bcrypt.compare = ((data: string, hash: string) => {
    costs.push(bcrypt.getRounds(hash));
    return compare(data, hash);
  }) as typeof bcrypt.compare;
  try {
    await work();
  } finally {
    bcrypt.compare = compare;
  }
  return costs;
}

const storedHash = async (email: string) => (await app().orm.em.fork().findOneOrFail(User, { email })).passwordHash;

describe('passwords', () => {
  it('tells apart long passwords that share their first 72 bytes', async () => {
    const prefix = 'ü'.repeat(36); // 72 bytes in UTF-8
    const email = `${unique('long')}@example.test`;
    const { user } = await callerAs().auth.register({ email, password: `${prefix}-one`, passwordConfirm: `${prefix}-one` });
    await expectTRPCError(callerAs().auth.login({ email, password: `${prefix}-two` }), 'UNAUTHORIZED');
    expect((await callerAs().auth.login({ email, password: `${prefix}-one` })).user.id).to.equal(user.id);
  });

  it('logs a user with a plain bcrypt hash in and renews the hash in the new format', async () => {
    const { email } = await signUp();
    await app().orm.em.fork().nativeUpdate(User, { email }, { passwordHash: bcrypt.hashSync(PASSWORD, 4) });
    await callerAs().auth.login({ email, password: PASSWORD });
    const renewed = await storedHash(email);
    expect(renewed).to.match(/^\$bcrypt-sha256\$2b\$04\$/);
    await callerAs().auth.login({ email, password: PASSWORD });
    await expectTRPCError(callerAs().auth.login({ email, password: `${PASSWORD}!` }), 'UNAUTHORIZED');
    expect(await storedHash(email)).to.equal(renewed);
  });

  it('checks an unknown email against a hash of the configured cost, as a wrong password', async () => {
    const services = { ...app(), config: testConfig({ BCRYPT_COST: '5' }) };
    const caller = createCaller(services);
    const email = `${unique('cost')}@example.test`;
    await caller.auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD });
    const costs = await comparedCosts(async () => {
      await expectTRPCError(caller.auth.login({ email, password: 'wrong password!' }), 'UNAUTHORIZED');
      await expectTRPCError(caller.auth.login({ email: `${unique('nobody')}@example.test`, password: 'wrong password!' }), 'UNAUTHORIZED');
    });
    expect(costs).to.deep.equal([5, 5]);
  });

  it('answers a disabled account like any failed login, after the same bcrypt work', async () => {
    const { email } = await signUp();
    await app().orm.em.fork().nativeUpdate(User, { email }, { isActive: false });
    const answers: string[] = [];
    const costs = await comparedCosts(async () => {
      for (const [who, password] of [[email, PASSWORD], [email, 'wrong password!'], [`${unique('nobody')}@example.test`, PASSWORD]] as const) {
        answers.push((await expectTRPCError(callerAs().auth.login({ email: who, password }), 'UNAUTHORIZED')).message);
      }
    });
    expect(new Set(answers)).to.deep.equal(new Set(['Invalid email or password']));
    expect(costs).to.deep.equal([4, 4, 4]);
  });
});
