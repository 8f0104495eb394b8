// items.list latency and plans on a seeded scale database (see scripts/seed-scale.ts):
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/omni_scale npx tsx scripts/bench-items.ts
// Signs in as the newest `scale-owner-1-*` owner, runs the common list queries through createCaller
// (fresh context per call, like HTTP), prints median/p95 latency and EXPLAIN ANALYZE of their SQL.
import { performance } from 'node:perf_hooks';
import { createCaller } from '../src/caller.js';
import { SCALE_PASSWORD } from './seed-scale-constants.js';
import { captureSql } from './support/capture-sql.js';
import { withRuntime } from '../src/runtime.js';
import { intFlag } from './support/flags.js';
import { exitWithError } from './support/exit.js';

type ListInput = Parameters<ReturnType<typeof createCaller>['items']['list']>[0];
const cases: [string, ListInput][] = [
  ['default list (createdAt desc)', {}],
  ['category video_game sorted by price desc', { category: 'video_game', sort: 'price', order: 'desc' }],
  ['search "pikachu"', { search: 'pikachu' }],
];
const runs = intFlag('runs', 20);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

await withRuntime(async ({ services }) => {
  const em = services.orm.em.fork();
  const [owner] = await em.execute<{ email: string }[]>("select email from users where email like 'scale-owner-1-%' order by created_at desc limit 1");
  if (!owner) throw new Error('no scale-owner-1 user: run scripts/seed-scale.ts first');
  const { accessToken } = await createCaller(services).auth.login({ email: owner.email, password: SCALE_PASSWORD });
  const list = (input: ListInput) => createCaller(services, { accessToken }).items.list(input);
  for (const [label, input] of cases) {
    for (let i = 0; i < 3; i++) await list(input);
    const timings: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      total = (await list(input)).total;
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    console.log(`\n## ${label}: total ${total}; items.list median ${percentile(timings, 0.5).toFixed(1)} ms, p95 ${percentile(timings, 0.95).toFixed(1)} ms over ${runs} runs`);
    for (const { inlined: sql } of (await captureSql(services, () => list(input))).filter(({ inlined }) => inlined.includes('"items"'))) {
      const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${sql}`);
      console.log(`\n${sql}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  }
}).catch((error: unknown) => exitWithError(error));
