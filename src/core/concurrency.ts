/**
 * Runs at most `concurrency` tasks at once; up to `maxWaiting` more wait their turn, in order.
 * Past that, `run` refuses at once with `refuse()`, so a flood costs a short queue, not memory.
 * A waiter whose `signal` aborts (its client went away) leaves the queue without running.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    private readonly refuse: () => Error,
  ) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw this.refuse();
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.maxWaiting) await this.turn(signal);
    else throw this.refuse();
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private turn(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        reject(this.refuse());
      };
      this.waiting.push(start);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }
}
