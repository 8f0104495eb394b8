// npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 20] [--last <seconds>]
//   --last  only the profile's last seconds (the scenario that ran before the server stopped)
// The functions a V8 CPU profile (node --cpu-prof) spent the most self time in, and the same by
// package (node_modules/<name>, Node's internals, the app's own folders), as plain tables.
// `npm run bench -- --cpu-prof` prints this for the API server's profile of the run.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { intFlag, parseFlags } from '../support/flags.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A span of CLOCK_MONOTONIC time in microseconds (V8's profile clock; `process.hrtime.bigint() / 1000n`). */
export type Window = [from: number, to: number];

/** Where a frame's code lives: an npm package, a Node internal, an app folder, or V8 itself. */
function packageOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node';
  if (!url) return '(v8: gc, natives)';
  const own = /\/(?:dist\/)?((?:src|scripts)\/.*)$/.exec(url);
  return own ? own[1]!.split('/').slice(0, 3).join('/') : url;
}
const shortUrl = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(?:dist\/)?(src|scripts)\//, '$1/');

/** Only samples inside `windows` count when given (the measured part of a run, not start-up). */
export function summariseProfile(file: string, top = 20, windows?: Window[]): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    if (windows && !windows.some(([from, to]) => at >= from && at <= to)) continue;
    const { functionName, url, lineNumber } = byId.get(profile.samples[i]!)!.callFrame;
    // timeDeltas[i] is the time before sample i: the time of sample i is the next delta.
    const micros = profile.timeDeltas[i + 1] ?? 0;
    total += micros;
    if (functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const frame = url ? `${functionName || '(anonymous)'}  ${shortUrl(url)}:${lineNumber + 1}` : functionName;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + micros);
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const busy = total - idle;
  const table = (title: string, entries: Map<string, number>) => [
    title,
    '   self ms  % busy  where',
    ...[...entries].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([key, micros]) => `${(micros / 1000).toFixed(0).padStart(10)}  ${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${key}`),
  ].join('\n');
  return [
    `${file}${windows ? ` (the measured ${windows.length === 1 ? 'window' : `${windows.length} windows`})` : ''}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s on the CPU (${((busy / total) * 100).toFixed(0)}%)`,
    table(`top ${top} functions by self time`, byFrame),
    table(`top ${top} packages by self time`, byPackage),
  ].join('\n\n');
}

function endOf(file: string): number {
  const { startTime, timeDeltas } = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  return timeDeltas.reduce((at, delta) => at + delta, startTime);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top 20]');
  const last = parseFlags().last;
  const end = last ? endOf(file) : 0;
  console.log(summariseProfile(file, intFlag('top', 20), last ? [[end - Number(last) * 1e6, end]] : undefined));
}
