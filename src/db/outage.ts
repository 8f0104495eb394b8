import type { MikroORM } from '@mikro-orm/postgresql';
import { Socket } from 'node:net';
import pg from 'pg';

/**
 * How the app notices that PostgreSQL is gone within two seconds, without cutting slow queries or
 * shedding a busy but live server's load:
 *
 * - a new connection that is not made within UNREACHABLE_AFTER_MS fails;
 * - a request waits up to POOL_WAIT_MS for a free connection of a live server;
 * - a query that is merely slow runs until the server cancels it at the statement timeout;
 * - a frozen server (stopped process, network black hole) never answers or cancels anything, so
 *   a watchdog tells it from a slow query: while a connection has been checked out for
 *   SUSPECT_AFTER_MS, it asks the server (at most once per SUSPECT_AFTER_MS) on a connection of
 *   its own that it keeps while the pool has any: a busy server can take over a second to start a
 *   new backend, but answers `select 1` on an open one at once, so load alone never reads as an
 *   outage. The answer is judged only after the event loop has read what arrived (a busy process
 *   may run the deadline's timer before reading the socket).
 *   When nothing answers within UNREACHABLE_AFTER_MS the database is down: every connection of
 *   the pool, open or being opened, is dropped, failing its query, and new connections fail at
 *   once (which also frees the requests waiting for one) until a probe, repeated every
 *   SUSPECT_AFTER_MS, is answered.
 *   Worst case: 1.5 s.
 *
 * One guard serves every pool of one database (the ORM's and the rate limiter's): the pools share
 * the verdict, so a request that meets the outage on one pool does not wait for it again on the
 * next (a login counts on the limiter's pool, then reads the user on the ORM's).
 */
const UNREACHABLE_AFTER_MS = 1000;
const SUSPECT_AFTER_MS = 500;
const POOL_WAIT_MS = 10_000;

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

const NO_ANSWER = `The database did not answer within ${UNREACHABLE_AFTER_MS} ms`;

/** The pg pool options of one database's outage handling (see above), for each of its pools. */
export type OutageGuard = Pick<pg.PoolConfig, 'Client' | 'connectionTimeoutMillis'> & { onPoolCreated(pool: pg.Pool): void };

export function outageGuard(): OutageGuard {
  let down = false;
  let probing = false;
  let lastAnswer = 0;
  const pools = new Set<pg.Pool>();
  const clients = new Set<pg.Client>();
  const checkedOut = new Map<pg.ClientBase, NodeJS.Timeout>();

  let prober: Prober | undefined;
  const openProber = (pool: pg.Pool) => (prober ??= new Prober(pool.options));

  const probe = async (pool: pg.Pool) => {
    const live = [...pools].filter((p) => !p.ending);
    if (probing || !live.length || (!down && performance.now() - lastAnswer < SUSPECT_AFTER_MS)) return;
    probing = true;
    down = !(await openProber(pool).serverAnswers());
    probing = false;
    if (!down) {
      lastAnswer = performance.now();
      return;
    }
    for (const client of clients) client.connection.stream.destroy(new Error(NO_ANSWER));
    // Asked again through a pool still open (this one may be ending by then).
    setTimeout(() => void probe(live[0]!), SUSPECT_AFTER_MS).unref();
  };
  const checkedIn = (client: pg.ClientBase) => {
    clearInterval(checkedOut.get(client));
    checkedOut.delete(client);
  };

  /** pg-pool uses its `connectionTimeoutMillis` both for a free slot and for a new connection; this client has its own. */
  class GuardedClient extends pg.Client {
    constructor(config: pg.ClientConfig = {}) {
      // The pool hides the password of the options it passes (not enumerable), so it is copied by name.
      super({ ...config, password: config.password, connectionTimeoutMillis: UNREACHABLE_AFTER_MS });
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error) => void): void;
    override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
      if (down) {
        const error = new Error(NO_ANSWER);
        if (!callback) return Promise.reject(error);
        return process.nextTick(callback, error);
      }
      clients.add(this);
      this.once('end', () => {
        clients.delete(this);
        checkedIn(this);
      });
      return callback ? super.connect(callback) : super.connect();
    }
  }

  return {
    Client: GuardedClient,
    connectionTimeoutMillis: POOL_WAIT_MS,
    onPoolCreated(pool: pg.Pool) {
      pools.add(pool);
      pool.on('acquire', (client) => checkedOut.set(client, setInterval(() => void probe(pool), SUSPECT_AFTER_MS).unref()));
      pool.on('release', (_error, client) => checkedIn(client));
      // Opened with the pools' first connection, so it is ready before anything looks slow.
      pool.on('connect', () => void openProber(pool));
      pool.on('remove', () => {
        if ([...pools].some((p) => p.totalCount > 0)) return;
        prober?.close();
        prober = undefined;
      });
    },
  };
}

/** The outage guard of an ORM's pool (ormOptions sets it), for the other pools on its database. */
export const outageGuardOf = (orm: MikroORM) => orm.config.get('driverOptions') as OutageGuard;

/** The watchdog's own connection, opened on the first question and again after a failed one. */
class Prober {
  private client: pg.Client | undefined;

  constructor(private readonly options: pg.ClientConfig) {}

  /** Whether the server answers in time; an error it sends (too many clients, ...) is an answer too. */
  async serverAnswers(): Promise<boolean> {
    const client = this.client ?? this.open();
    let answered = false;
    // setImmediate runs after the poll phase: an answer already on the socket is read first.
    const deadline = setTimeout(() => setImmediate(() => answered || client.connection.stream.destroy(new Error(NO_ANSWER))), UNREACHABLE_AFTER_MS);
    try {
      await client.query('select 1');
      answered = true;
      return true;
    } catch (error) {
      answered = true;
      this.close();
      return error instanceof pg.DatabaseError;
    } finally {
      clearTimeout(deadline);
    }
  }

  close() {
    this.client?.end().catch(() => {});
    this.client = undefined;
  }

  private open(): pg.Client {
    const client = new pg.Client(this.options);
    client.on('error', () => {});
    // Queries wait for the connection; an idle probe connection never keeps the process alive.
    client.connect().then(() => client.connection.stream instanceof Socket && client.connection.stream.unref(), () => {});
    this.client = client;
    return client;
  }
}

/**
 * SQLSTATE classes of a server that cannot serve now: 08 connection exception, 53 insufficient
 * resources (too many connections, ...), 57P01-03 shutting down or starting up, 57014 statement
 * timeout or cancel.
 */
const UNAVAILABLE_STATE = /^(08|53|57P0[1-3]|57014)/;
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg and pg-pool (and the guard) report a lost, never made or timed-out connection by message only. */
const CONNECTION_LOST = new RegExp(`^(${NO_ANSWER}|timeout exceeded when trying to connect|timeout expired|Connection terminated|Query read timeout|Client has encountered a connection error|Cannot use a pool after calling end)`);

/**
 * Whether an error means the database could not be reached or cannot serve right now (as opposed
 * to an answer about the query). Looks through MikroORM's wrappers and error causes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_STATE.test(code) || SOCKET_ERRORS.has(code))) return true;
    if (CONNECTION_LOST.test(e.message)) return true;
  }
  return false;
}
