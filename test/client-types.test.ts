import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildClientTypes } from '../scripts/build-types.js';

/** The only packages a client project installs. */
const CLIENT_PACKAGES = ['@trpc/client', '@trpc/server', 'zod', 'typescript'];

const CLIENT = `
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppErrorCode, AppRouter, RestErrorBody, RouterInputs, RouterOutputs } from './types/client.js';

const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://localhost:3000/trpc', maxItems: 20 })] });

export async function restock(id: string): Promise<number> {
  const filters: RouterInputs['items']['list'] = { category: 'trading_card', inStock: true, sort: 'price', limit: 20 };
  const page = await client.items.list.query(filters);
  const first: RouterOutputs['items']['get'] | undefined = page.items[0];
  const price: string | undefined = first?.price;
  const next: string | null = page.nextCursor;
  const { item, movement } = await client.items.adjustStock.mutate({ id, delta: 5, reason: 'intake' });
  const reason: 'intake' | 'sale' | string = movement.reason;
  void price, next, reason;
  return item.quantity;
}

export async function explain(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = (error as TRPCClientError<AppRouter>).data;
    const code: AppErrorCode | undefined = data?.code;
    if (code === 'CONFLICT' && data?.available !== undefined) return \`only \${data.available} left\`;
    if (data?.retryAfter !== undefined) return \`retry in \${data.retryAfter} s\`;
    return (data?.issues ?? []).map((issue) => issue.path.join('.') + ': ' + issue.message).join('; ') || error.message;
  }
}

export const restMessage = (body: RestErrorBody): string => \`\${body.httpStatus} \${body.code}: \${body.message}\`;
export const me = () => client.users.me.query().then((me) => me.vendor?.name ?? me.user.email);
`;

/** Two misuses a client must be told about: an input field of the wrong type, an output field that does not exist. */
const WRONG_INPUT = `
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from './types/client.js';
const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://localhost:3000/trpc' })] });
export const created = client.items.create.mutate({ name: 'Mew', sku: 'MEW-1', quantity: 'three' });
`;
const MISSING_OUTPUT = `
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from './types/client.js';
const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://localhost:3000/trpc' })] });
export const cost = client.items.get.query({ id: 'x' }).then((item) => item.costPrice);
`;

describe('client types (npm run build:types)', function () {
  this.timeout(180_000);
  let project: string;
  before(async () => (project = await mkdtemp(join(tmpdir(), 'omni-client-'))));
  after(() => rm(project, { recursive: true, force: true }));

  it('type-check a client that has only @trpc/client, @trpc/server, zod and typescript, and catch its misuses', async () => {
    const files = await buildClientTypes(join(project, 'types'));
    expect(files.sort()).to.deep.equal(['client.d.ts', 'contract/errors.d.ts', 'contract/meta.d.ts', 'router.d.ts', 'trpc/init.d.ts']);
    const declarations = await Promise.all(files.map((file) => readFile(join(project, 'types', file), 'utf8')));
    const code = declarations.join('\n').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code, 'no ORM or server types').to.not.match(/mikro-orm|EntityManager|express|AppServices|Collection<|Ref<|Loaded</);

    for (const name of CLIENT_PACKAGES) {
      await mkdir(join(project, 'node_modules', name, '..'), { recursive: true });
      await symlink(resolve('node_modules', name), join(project, 'node_modules', name));
    }
    await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'ESNext.Disposable', 'DOM'], types: [] }, include: ['*.ts'] }),
    );
    await writeFile(join(project, 'client.ts'), CLIENT);
    await writeFile(join(project, 'wrong-input.ts'), WRONG_INPUT);
    await writeFile(join(project, 'missing-output.ts'), MISSING_OUTPUT);

    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    const started = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: project }).catch((error: { stdout: string }) => error);
    const seconds = (performance.now() - started) / 1000;
    const errors = stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.filter((line) => line.startsWith('client.ts')), 'the well-typed client').to.deep.equal([]);
    expect(errors.filter((line) => line.startsWith('wrong-input.ts'))).to.satisfy((lines: string[]) =>
      lines.length === 1 && /error TS2322: Type 'string' is not assignable to type 'number'/.test(lines[0]!),
    );
    expect(errors.filter((line) => line.startsWith('missing-output.ts'))).to.satisfy((lines: string[]) =>
      lines.length === 1 && /error TS2339: Property 'costPrice' does not exist/.test(lines[0]!),
    );
    expect(errors, 'no other errors (the declarations themselves)').to.have.length(2, errors.join('\n'));
    console.log(`      (the client project type-checked in ${seconds.toFixed(1)} s)`);
  });
});
