import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { serverCodeGuard } from '../../web/server-code-guard.js';

const serverSrc = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bundles one module of `code` (as if it were in web/src) with the guard, in memory; answers the error, if any. */
async function bundle(code: string): Promise<string | null> {
  const entry: Plugin = {
    name: 'entry',
    resolveId: (id) => (id === 'entry.ts' ? '\0entry.ts' : null),
    load: (id) => (id === '\0entry.ts' ? code : null),
  };
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      plugins: [entry, serverCodeGuard(serverSrc)],
      build: { write: false, rollupOptions: { input: 'entry.ts' } },
    });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the web build refuses server code', function () {
  this.timeout(30_000);

  it('bundles the contracts the browser uses', async () => {
    expect(await bundle(`export { itemFields } from '${serverSrc}modules/inventory/contract.ts';\nexport { moneySchema } from '${serverSrc}contract/money.ts';`)).to.equal(null);
  });

  it('fails on a value import of the router, a service or the database', async () => {
    for (const [file, name] of [['router.ts', 'appRouter'], ['db/orm.ts', 'openOrm'], ['modules/inventory/services/stock.ts', 'changeStock']]) {
      const error = await bundle(`export { ${name} } from '${serverSrc}${file}';`);
      expect(error, file).to.include(`src/${file} is server code: the web app imports only the contracts`);
    }
  });
});
