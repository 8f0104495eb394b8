import { setTimeout as sleep } from 'node:timers/promises';
import { PgBoss, type Job } from 'pg-boss';
import type { Logger } from '../logger.js';

/** The queues and their retry rules, in one place. */
export const queueSettings = {
  /**
   * An import is retried when its worker stopped or died mid-way (a graceful stop fails the job it
   * holds; a crash stops its heartbeat). The import itself makes a retry harmless (run-import.ts).
   */
  imports: { retryLimit: 3, retryDelay: 1, heartbeatSeconds: 30, expireInSeconds: 60 * 60 },
} as const;
export type QueueName = keyof typeof queueSettings;

export interface JobContext {
  id: string;
  /** Aborted when this process stops holding the job (stop, lost heartbeat): stop the work. */
  signal: AbortSignal;
  retryCount: number;
}
export type JobHandler = (data: Record<string, unknown>, job: JobContext) => Promise<void>;

export interface JobQueueOptions {
  connectionString: string;
  log: Logger;
  /** How often an idle worker looks for work (pg-boss polls; 0.5 s at least). */
  pollingIntervalSeconds: number;
}

/**
 * The PostgreSQL-backed job queue (pg-boss, in its own `pgboss` schema, created on first start).
 * Every process that sends jobs starts it (lazily, on the first send); only workers also `work`.
 * Jobs are rows, so a queued job survives any restart, and a job whose worker went away is
 * retried (see queueSettings).
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readonly workers = new Map<string, string[]>();

  constructor(private readonly options: JobQueueOptions) {}

  /** Starts pg-boss once (installing or migrating its schema when needed) and creates the queues. */
  start(): Promise<PgBoss> {
    this.starting ??= this.open().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async open(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.options.connectionString,
      application_name: 'omni-stock:jobs',
      max: 4,
      schedule: false,
      registerInstance: false,
      openTelemetry: { enabled: false },
      superviseIntervalSeconds: 30,
    });
    boss.on('error', (error) => this.options.log.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const [name, settings] of Object.entries(queueSettings)) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, settings);
    }
    this.boss = boss;
    return boss;
  }

  /**
   * Queues a job. With `id`, sending again is harmless (the job exists: nothing happens), so a
   * caller may re-send whatever it is not sure was sent.
   */
  async send(queue: QueueName, data: Record<string, unknown>, options: { id?: string } = {}): Promise<void> {
    const boss = await this.start();
    await boss.send(queue, data, options.id ? { id: options.id } : {});
    // A worker of this process takes it now rather than at its next poll.
    for (const id of this.workers.get(queue) ?? []) boss.notifyWorker(id);
  }

  /** Runs `handler` for the queue's jobs in this process, one at a time. */
  async work(queue: QueueName, handler: JobHandler): Promise<void> {
    const boss = await this.start();
    const id = await boss.work<Record<string, unknown>>(
      queue,
      { pollingIntervalSeconds: this.options.pollingIntervalSeconds, batchSize: 1, localConcurrency: 1 },
      async (jobs: Job<Record<string, unknown>>[]) => {
        for (const job of jobs) await handler(job.data ?? {}, { id: job.id, signal: job.signal, retryCount: job.retryCount });
      },
    );
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), id]);
  }

  /**
   * Stops taking work and closes the queue's connections. Running jobs get `timeoutMs` to finish;
   * a job still running then is failed, so that it is retried (by this or another process). A
   * frozen database never answers pg-boss's last queries, and its stop would wait for them: after
   * the grace and a second more, the stop gives up on them, well inside the server's 10 s forced exit.
   */
  async stop(timeoutMs = 5_000): Promise<void> {
    const starting = this.starting;
    this.starting = null;
    if (!starting) return;
    const boss = await starting.catch(() => null);
    this.boss = null;
    this.workers.clear();
    if (!boss) return;
    const stopped = boss.stop({ graceful: true, timeout: timeoutMs }).then(() => true);
    if (!(await Promise.race([stopped, sleep(timeoutMs + 1_000, false, { ref: false })]))) {
      this.options.log.warn('the job queue did not stop in time (is the database answering?); its connections are left to the exit');
    }
  }

  /** The pg-boss instance, for tests and tools (null until started). */
  get instance(): PgBoss | null {
    return this.boss;
  }
}
