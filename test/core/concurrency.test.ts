import { expect } from 'chai';
import { ConcurrencyLimit } from '../../src/core/concurrency.js';

describe('ConcurrencyLimit', () => {
  const busy = () => new Error('busy');
  const gate = () => {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };
  const rejection = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);

  it('runs tasks in order within its concurrency, queues up to maxWaiting, and refuses the rest', async () => {
    const limit = new ConcurrencyLimit(1, 1, busy);
    const first = gate();
    const ran: string[] = [];
    const running = limit.run(async () => {
      await first.opened;
      ran.push('first');
    });
    const queued = limit.run(async () => void ran.push('second'));
    expect(await rejection(limit.run(async () => void ran.push('third')))).to.equal('busy');
    first.open();
    await Promise.all([running, queued]);
    expect(ran).to.deep.equal(['first', 'second']);
    await limit.run(async () => void ran.push('later'));
    expect(ran.at(-1)).to.equal('later');
  });

  it('drops a waiter whose signal aborts, freeing its place in the queue', async () => {
    const limit = new ConcurrencyLimit(1, 1, busy);
    const first = gate();
    const ran: string[] = [];
    const running = limit.run(() => first.opened);
    const client = new AbortController();
    const abandoned = limit.run(async () => void ran.push('abandoned'), client.signal);
    client.abort();
    expect(await rejection(abandoned)).to.equal('busy');
    const next = limit.run(async () => void ran.push('next'));
    expect(await rejection(limit.run(async () => {}, AbortSignal.abort()))).to.equal('busy');
    first.open();
    await Promise.all([running, next]);
    expect(ran).to.deep.equal(['next']);
  });
});
