// npm run totals:repair [-- --vendor <slug>]
// Recomputes the maintained inventory totals (inventory_totals, what inventory.overview reads)
// from the items, vendor by vendor: one set-based statement per vendor under the vendor's totals
// lock (its item writes wait at their trigger until the vendor's recompute commits; reads never
// wait). Prints every row it fixed; a vendor with none prints "ok". Exit 2 for an unknown slug.
import { describeFix, repairTotals } from '../src/modules/inventory/services/totals.js';
import { withRuntime } from '../src/runtime.js';
import { parseFlags } from './support/flags.js';
import { exitWithError } from './support/exit.js';

const { vendor: slug } = parseFlags();
if (slug === 'true') {
  console.error('usage: npm run totals:repair [-- --vendor <slug>]');
  process.exit(2);
}
await withRuntime(async (runtime) => {
  const repairs = await repairTotals(runtime.em(), { slug });
  if (slug !== undefined && !repairs.length) {
    console.error(`no vendor with the slug "${slug}"`);
    process.exitCode = 2;
  }
  for (const repair of repairs) {
    console.log(`${repair.slug}: ${repair.fixes.length ? `fixed ${repair.fixes.length} totals row${repair.fixes.length === 1 ? '' : 's'}` : 'ok'}`);
    for (const fix of repair.fixes) console.log(`  ${describeFix(fix)}`);
  }
  const fixed = repairs.reduce((sum, r) => sum + r.fixes.length, 0);
  console.log(`${repairs.length} vendor${repairs.length === 1 ? '' : 's'} checked, ${fixed} row${fixed === 1 ? '' : 's'} fixed`);
}).catch((error: unknown) => exitWithError(error));
