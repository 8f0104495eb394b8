// npm run import -- --vendor <slug> --preset native|tcgplayer|custom [--mapping '{"Col":"sku",...}'] file.csv [--dry-run] [--partial]
// Imports a CSV file for a vendor as the system (no member: every store), through the same
// service and job as imports.create: the job is queued, worked here (or by a running server's
// worker, whichever takes it first), with a progress bar, and the summary and first errors at the end.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { systemWriteContext } from '../src/db/write.js';
import { createImportInput, importInputIssues } from '../src/modules/imports/contract.js';
import { createImport } from '../src/modules/imports/services/create-import.js';
import { startImportWorker } from '../src/modules/imports/worker.js';
import { ImportJob } from '../src/modules/imports/entities.js';
import { Vendor } from '../src/modules/vendors/entities.js';
import { withRuntime } from '../src/runtime.js';
import { parseFlags } from './support/flags.js';
import { progressBar } from './support/progress.js';

const fail = (message: string): never => {
  console.error(`import: ${message}`);
  process.exit(1);
};

const args = process.argv.slice(2);
const flags = parseFlags(args);
const file = args.filter((arg, i) => !arg.startsWith('--') && !(args[i - 1]?.startsWith('--') && !['--dry-run', '--partial'].includes(args[i - 1]!))).at(-1);
if (!flags.vendor || !file) fail('usage: npm run import -- --vendor <slug> --preset native|tcgplayer|custom [--mapping JSON] file.csv [--dry-run] [--partial]');
let bytes: Buffer;
try {
  bytes = readFileSync(file!);
} catch (error) {
  fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}
let csv: string;
try {
  csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes!);
} catch {
  fail(`${file} is not UTF-8 text: save it as UTF-8 (CSV UTF-8) and import it again`);
}
let mapping: unknown;
try {
  mapping = flags.mapping ? JSON.parse(flags.mapping) : undefined;
} catch {
  fail('--mapping must be a JSON object of CSV column → item field');
}
const parsed = createImportInput.safeParse({
  csv: csv!,
  fileName: basename(file!),
  preset: flags.preset ?? 'native',
  mapping,
  mode: flags['dry-run'] === 'true' ? 'dryRun' : 'apply',
  partial: flags.partial === 'true',
});
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
const rules = importInputIssues(parsed.data!);
if (rules.length) fail(rules.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));

const ended = await withRuntime(async ({ services }) => {
  const vendor = await services.orm.em.fork().findOne(Vendor, { slug: flags.vendor! });
  if (!vendor) return fail(`no vendor has the slug "${flags.vendor}"`);
  const wc = await systemWriteContext(services, 'import', vendor.id);
  const job = await createImport(wc, parsed.data!);
  await startImportWorker(services);
  const bar = progressBar(`${parsed.data!.mode === 'dryRun' ? 'dry run' : 'import'} ${basename(file!)}`, bytes!.length, 'bytes');
  let shown = 0;
  for (;;) {
    const now = await services.orm.em.fork().findOneOrFail(ImportJob, job.id);
    const done = now.rowsTotal !== null && now.rowsTotal !== undefined ? bytes!.length : now.bytesDone;
    bar.advance(done - shown);
    shown = done;
    if (!['queued', 'running'].includes(now.status)) {
      bar.done();
      return now;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}).catch((error: unknown) => fail(error instanceof Error ? error.message.split('\n')[0]! : String(error)));

const summary = ended.summary;
console.log(`${ended.status}: ${ended.rowsTotal ?? 0} rows${summary ? ` — ${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged, ${summary.error} in error` : ''}${ended.mode === 'dryRun' ? ` (dry run: nothing written; apply would ${ended.wouldApply ? 'write them' : 'write nothing'})` : ''}`);
if (ended.failure) console.log(ended.failure);
for (const error of ended.errors.slice(0, 20)) console.log(`  line ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`);
if (ended.errorCount > 20) console.log(`  … ${ended.errorCount - 20} more (imports.errors { id: "${ended.id}" })`);
process.exitCode = ended.status === 'succeeded' ? 0 : 1;
