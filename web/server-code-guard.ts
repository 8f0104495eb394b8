import type { Plugin } from 'vite';

/** Files of the server's src/ the browser may load: the Zod contracts, nothing with Node, ORM or services in it. */
const CONTRACT = /^(contract\/[\w-]+|modules\/[\w-]+\/contract)\.ts$/;

/**
 * Fails the build (and shows the error on the dev server's page) when the web app's module graph
 * reaches server code: anything under `serverSrc` but the contracts. `import type` is erased before
 * modules load, so `type AppRouter` from src/router.ts passes and a value import of it does not.
 */
export function serverCodeGuard(serverSrc: string): Plugin {
  return {
    name: 'omni-stock:server-code-guard',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0]!;
      if (!path.startsWith(serverSrc) || CONTRACT.test(path.slice(serverSrc.length))) return null;
      this.error(
        `${path.slice(serverSrc.length - 4)} is server code: the web app imports only the contracts (src/contract/*, ` +
          'src/modules/*/contract.ts) and `import type` from src/router.ts',
      );
    },
  };
}
