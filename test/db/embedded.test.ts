import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterPaths, processIsAlive, useEmbeddedCluster } from '../../src/db/embedded.js';
import { onServer } from '../../src/db/server.js';
import { createLogger } from '../../src/logger.js';

const log = createLogger('silent');
const answers = (url: string) => onServer(url, async (client) => (await client.query('select 1 as one')).rows[0].one === 1).catch(() => false);
const postmasterPid = (dataDir: string) => Number(readFileSync(join(clusterPaths(dataDir).cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
const isRunning = (dataDir: string) => existsSync(join(clusterPaths(dataDir).cluster, 'postmaster.pid'));
/** The pid of a process that has already exited. */
const deadPid = () => spawnSync('true').pid;

describe('embedded PostgreSQL: one cluster per data folder, shared by leases', function () {
  this.timeout(60_000);
  let dataDir: string;
  // One folder for the whole suite: initdb runs once, every test starts from a stopped cluster.
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'omni-embedded-'));
  });
  afterEach(() => expect(isRunning(dataDir), 'the cluster is stopped after each test').to.equal(false));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('two users starting at once share one cluster; it stops when the last one releases it', async () => {
    const [first, second] = await Promise.all([useEmbeddedCluster(dataDir, log), useEmbeddedCluster(dataDir, log)]);
    expect(first.url).to.equal(second.url);
    expect(readdirSync(clusterPaths(dataDir).leases)).to.have.length(2);
    await first.release();
    expect(await answers(second.url)).to.equal(true);
    await second.release();
    expect(await answers(second.url)).to.equal(false);
    expect(readdirSync(clusterPaths(dataDir).leases)).to.deep.equal([]);
  });

  it('a lease left by a dead process does not keep the cluster running, and is removed', async () => {
    const stale = join(clusterPaths(dataDir).leases, `${deadPid()}-0`);
    writeFileSync(stale, '');
    const cluster = await useEmbeddedCluster(dataDir, log);
    await cluster.release();
    expect(await answers(cluster.url)).to.equal(false);
    expect(existsSync(stale)).to.equal(false);
  });

  it('a postmaster.pid whose process is gone is cleaned up, and the cluster starts', async () => {
    const pidFile = join(clusterPaths(dataDir).cluster, 'postmaster.pid');
    writeFileSync(pidFile, `${deadPid()}\n${clusterPaths(dataDir).cluster}\n1700000000\n5999\n\n127.0.0.1\n  1 2\nready   \n`);
    const cluster = await useEmbeddedCluster(dataDir, log);
    try {
      expect(await answers(cluster.url)).to.equal(true);
      expect(processIsAlive(postmasterPid(dataDir))).to.equal(true);
    } finally {
      await cluster.release();
    }
  });

  it('a lock held by a dead process is taken over', async () => {
    writeFileSync(clusterPaths(dataDir).lock, String(deadPid()));
    const cluster = await useEmbeddedCluster(dataDir, log);
    await cluster.release();
    expect(existsSync(clusterPaths(dataDir).lock)).to.equal(false);
  });

  it('a folder that is neither empty nor a cluster is refused with one clear line', async () => {
    const other = await mkdtemp(join(tmpdir(), 'omni-embedded-'));
    try {
      mkdirSync(clusterPaths(other).cluster);
      writeFileSync(join(clusterPaths(other).cluster, 'notes.txt'), 'not a cluster');
      const error = await useEmbeddedCluster(other, log).then(() => null, (e: Error) => e);
      expect(error?.message).to.equal(`${clusterPaths(other).cluster} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or delete it`);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
