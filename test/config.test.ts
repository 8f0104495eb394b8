import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  const expectProblems = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it('reports one line per bad variable', () => {
    const problems = expectProblems({ NODE_ENV: 'test', PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DATA_DIR: '.data/test', DB_STATEMENT_TIMEOUT_MS: '-1' });
    expect(problems.map((p) => p.split(':')[0])).to.have.members(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'DB_STATEMENT_TIMEOUT_MS']);
  });

  it('stops production without a JWT secret', () => {
    expect(expectProblems({ NODE_ENV: 'production' })).to.deep.equal(['JWT_SECRET: required in production (at least 32 characters)']);
  });

  it('keeps a generated development secret across loads', () => {
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: '.data/test/config' });
    const second = loadConfig({ NODE_ENV: 'development', DATA_DIR: '.data/test/config' });
    expect(first.jwtSecret).to.have.length.greaterThan(40);
    expect(second.jwtSecret).to.equal(first.jwtSecret);
  });

  it('picks a bcrypt cost per environment unless set', () => {
    const secret = 'x'.repeat(32);
    const production = { NODE_ENV: 'production', JWT_SECRET: secret, PUBLIC_URL: 'https://api.example.test' } as const;
    expect(loadConfig(production).bcryptCost).to.equal(12);
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: secret }).bcryptCost).to.equal(4);
    expect(loadConfig({ ...production, BCRYPT_COST: '10' }).bcryptCost).to.equal(10);
  });
});
