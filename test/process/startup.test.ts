import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a script (default: the server) with exactly `env` (plus PATH) and answers how it ended. */
function startServer(env: Record<string, string>, script = ['src/server.ts']): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...script], { env: { PATH: process.env.PATH!, LOG_LEVEL: 'silent', ...env } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a hung process: the test's timeout fails it first
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const noStackTrace = (output: string) => expect(output, output).to.not.match(/^\s+at /m);

describe('start-up failures: one clear message and exit code 1', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'omni-startup-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('a busy port is named, with PORT= to choose another, and the other server keeps serving', async () => {
    const other: Server = createServer((socket) => socket.end('still here'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      const { code, stderr } = await startServer({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unused' });
      expect(code).to.equal(1);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use .*PORT=${port + 1} npm start`));
      // It stopped before touching any database: no embedded cluster, nothing in DATA_DIR but the dev secret.
      expect(existsSync(join(dataDir, 'pg'))).to.equal(false);
      const reply = await new Promise<string>((resolve) => {
        const socket = createConnection(port, '127.0.0.1', () => socket.once('data', (data) => resolve(String(data))));
      });
      expect(reply).to.equal('still here');
    } finally {
      other.close();
    }
  });

  it('reports every configuration problem at once', async () => {
    const { code, stderr } = await startServer({ NODE_ENV: 'production', PORT: 'eighty', DATA_DIR: dataDir, LOG_LEVEL: 'loud' });
    expect(code).to.equal(1);
    for (const variable of ['PORT', 'LOG_LEVEL', 'JWT_SECRET', 'PUBLIC_URL', 'DATABASE_URL']) expect(stderr).to.include(`  - ${variable}: `);
    expect(stderr).to.match(/^Omni-Stock could not start: Invalid configuration:/);
    noStackTrace(stderr);
  });

  it('production refuses the embedded database unless told otherwise, and says why', async () => {
    const { code, stderr } = await startServer({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://api.example.test', DATA_DIR: dataDir });
    expect(code).to.equal(1);
    expect(stderr).to.match(/DATABASE_URL: required in production; .* EMBEDDED_DB_IN_PRODUCTION=true/);
    expect(existsSync(join(dataDir, 'pg'))).to.equal(false);
    noStackTrace(stderr);
  });

  it('an unreachable database is one line naming where it was looked for', async () => {
    const { code, stderr } = await startServer({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/omni' });
    expect(code).to.equal(1);
    expect(stderr.trim()).to.equal('Omni-Stock could not start: cannot connect to PostgreSQL at 127.0.0.1:1/omni: connect ECONNREFUSED 127.0.0.1:1');
    expect(stderr).to.not.include('secret');
  });

  it('every script that opens the database fails the same way: one line, exit code 1', async function () {
    this.timeout(120_000); // seven processes starting on a loaded machine
    const scripts = ['migrate', 'seed-demo', 'seed-scale', 'create-user', 'totals-repair', 'worker', 'bench-items'];
    const env = { DATA_DIR: dataDir, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/omni' };
    const args = { migrate: ['up'], 'create-user': ['--email', 'a@example.test', '--password', 'a long password 1', '--vendor', 'Shop'] } as Record<string, string[]>;
    const ended = await Promise.all(scripts.map((script) => startServer(env, [`scripts/${script}.ts`, ...(args[script] ?? [])])));
    ended.forEach(({ code, stderr }, i) => {
      const script = scripts[i];
      expect(code, script).to.equal(1);
      expect(stderr.trim(), script).to.match(/^(worker could not start: )?cannot connect to PostgreSQL at 127\.0\.0\.1:1\/omni: connect ECONNREFUSED/);
      expect(stderr.trim().split('\n'), `${script}: ${stderr}`).to.have.length(1);
    });
  });
});
