import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, configVariables, loadConfig } from '../src/config.js';
import { workerDataDir } from './support/database.js';

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

  it('reports every production problem at once: secret, public URL and database', () => {
    const problems = expectProblems({ NODE_ENV: 'production', PORT: 'eighty' });
    expect(problems.map((p) => p.split(':')[0])).to.deep.equal(['PORT', 'JWT_SECRET', 'PUBLIC_URL', 'DATABASE_URL']);
    expect(problems[1]).to.equal('JWT_SECRET: required in production (at least 32 characters)');
    expect(problems[3]).to.match(/^DATABASE_URL: required in production; .*EMBEDDED_DB_IN_PRODUCTION=true/);
  });

  it('runs production on the embedded database only when told to', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://api.example.test' } as const;
    expect(expectProblems(production).map((p) => p.split(':')[0])).to.deep.equal(['DATABASE_URL']);
    expect(loadConfig({ ...production, EMBEDDED_DB_IN_PRODUCTION: 'true' }).databaseUrl).to.equal(undefined);
    expect(loadConfig({ ...production, DATABASE_URL: 'postgresql://db.example.test/omni' }).isProduction).to.equal(true);
  });

  it('keeps a generated development secret across loads', () => {
    const dataDir = join(workerDataDir(), 'config');
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const second = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(first.jwtSecret).to.have.length.greaterThan(40);
    expect(second.jwtSecret).to.equal(first.jwtSecret);
  });

  it('picks a bcrypt cost per environment unless set', () => {
    const secret = 'x'.repeat(32);
    const production = { NODE_ENV: 'production', JWT_SECRET: secret, PUBLIC_URL: 'https://api.example.test', DATABASE_URL: 'postgresql://db.example.test/omni' } as const;
    expect(loadConfig(production).bcryptCost).to.equal(12);
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: secret }).bcryptCost).to.equal(4);
    expect(loadConfig({ ...production, BCRYPT_COST: '10' }).bcryptCost).to.equal(10);
  });

  it('trusts no proxy by default; TRUST_PROXY takes a hop count or addresses, never everyone', () => {
    const env = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) } as const;
    expect(loadConfig(env).trustProxy).to.equal(false);
    expect(loadConfig({ ...env, TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ ...env, TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32 , 192.0.2.1' }).trustProxy).to.deep.equal(['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.1']);
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0.1/8/1', '2001:db8::/129']) {
      expect(expectProblems({ ...env, TRUST_PROXY: bad }).map((p) => p.split(':')[0]), bad).to.deep.equal(['TRUST_PROXY']);
    }
  });

  it('.env.example lists every variable', () => {
    const listed = [...readFileSync('.env.example', 'utf8').matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(configVariables.filter((name) => !listed.includes(name))).to.deep.equal([]);
    expect(listed.filter((name) => !configVariables.includes(name!))).to.deep.equal([]);
  });
});
