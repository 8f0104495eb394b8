import { expect } from 'chai';
import { itemPageOutput } from '../../src/modules/inventory/contract.js';
import { builtOutput } from '../../src/trpc/output.js';

describe('builtOutput', () => {
  const bad = { items: [{ id: 1 }], total: 1, nextCursor: null };
  const environment = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = environment;
  });

  it('checks every answer outside production, and passes it as built in production', () => {
    const output = builtOutput(itemPageOutput);
    expect(() => output.parse(bad)).to.throw();
    process.env.NODE_ENV = 'production';
    expect(output.parse(bad)).to.equal(bad);
  });

  it('leaves the schema it copies checking in production too', () => {
    builtOutput(itemPageOutput);
    process.env.NODE_ENV = 'production';
    expect(() => itemPageOutput.parse(bad)).to.throw();
  });
});
