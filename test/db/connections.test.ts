import { expect } from 'chai';
import { ConnectionBudgetError, planConnections } from '../../src/db/connections.js';

describe('connection planning (WEB_CONCURRENCY × DB_POOL_SIZE within max_connections)', () => {
  it('gives each process 20 connections when they fit, fewer when they do not', () => {
    expect(planConnections(100, { processes: 2, rateLimitPool: true })).to.deep.equal({ poolSize: 20, maxConnections: 100, total: 49 });
    expect(planConnections(100, { processes: 4, rateLimitPool: true }).poolSize).to.equal(20);
    expect(planConnections(100, { processes: 8, rateLimitPool: true }).poolSize).to.equal(9);
    // 16 processes on 100: (100 - 5) / 16 = 5 each, 2 of them for the rate limits.
    expect(planConnections(100, { processes: 16, rateLimitPool: true }).poolSize).to.equal(3);
    expect(planConnections(100, { processes: 16, rateLimitPool: false }).poolSize).to.equal(5);
  });

  it('takes DB_POOL_SIZE as given when it fits, and refuses it when it does not, naming what fits', () => {
    expect(planConnections(100, { processes: 4, poolSize: 20, rateLimitPool: true }).total).to.equal(93);
    expect(() => planConnections(100, { processes: 4, poolSize: 22, rateLimitPool: true })).to.throw(
      ConnectionBudgetError,
      "WEB_CONCURRENCY=4 needs 4 × (DB_POOL_SIZE=22 + 2 for rate limits) + 5 reserved = 101 database connections, more than PostgreSQL's max_connections (100); lower WEB_CONCURRENCY or DB_POOL_SIZE (at most 21 here) or raise max_connections",
    );
  });

  it('refuses processes that would get less than 2 connections each', () => {
    expect(() => planConnections(20, { processes: 8, rateLimitPool: true })).to.throw(ConnectionBudgetError, "WEB_CONCURRENCY=8 leaves each process 1 of PostgreSQL's max_connections (20) after 5 reserved, and each needs at least 4 (a pool of 2 + 2 for rate limits); lower WEB_CONCURRENCY or raise max_connections");
  });
});
