// npm run build:types [-- --out dist/types]
// Declarations for TypeScript clients: tsc emits src/client.ts's (tsconfig.types.json) into a
// scratch folder, and the files that entry needs, and only those, are copied to the output:
// client.d.ts (AppRouter, RouterInputs, RouterOutputs, the error types) and what it imports.
// Fails when that closure imports any package but @trpc/server (and its subpaths; an ORM or service type leaking
// into a procedure's input or output would show up here).
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseFlags } from './support/flags.js';

/** The packages a client installs whose types the declarations may import. */
export const CLIENT_PACKAGES = ['@trpc/server'];
const ENTRY = 'client.d.ts';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the client declarations into `outDir` (replacing it) and answers the files written, relative to it. */
export async function buildClientTypes(outDir: string): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'omni-types-'));
  try {
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    await promisify(execFile)(tsc, ['-p', join(root, 'tsconfig.types.json'), '--outDir', scratch], { cwd: root }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${error.stdout ?? String(error)}`);
    });
    const files = await closure(scratch, ENTRY);
    await rm(outDir, { recursive: true, force: true });
    for (const [file, text] of files) {
      await mkdir(dirname(join(outDir, file)), { recursive: true });
      await writeFile(join(outDir, file), text);
    }
    return [...files.keys()];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const SPECIFIER = /(?:from\s+|import\()\s*['"]([^'"]+)['"]/g;

/** `entry` and every declaration file it reaches through relative imports, by path relative to `dir`. */
async function closure(dir: string, entry: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    const text = await readFile(join(dir, file), 'utf8');
    files.set(file, text);
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      if (specifier!.startsWith('.')) pending.push(relative(dir, join(dir, dirname(file), specifier!.replace(/\.js$/, '.d.ts'))));
      else if (!CLIENT_PACKAGES.some((name) => specifier === name || specifier!.startsWith(`${name}/`))) throw new Error(`${file} imports "${specifier}": client types may only import ${CLIENT_PACKAGES.join(', ')}`);
    }
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = resolve(root, parseFlags().out ?? 'dist/types');
  const started = performance.now();
  const files = await buildClientTypes(out);
  console.log(`wrote ${files.length} files to ${relative(process.cwd(), out) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.sort().join(', ')}`);
}
