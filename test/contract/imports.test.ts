import { expect } from 'chai';
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';

const RULES = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];

/** The import rule's complaints about `code` as if it were the file at `filePath` (eslint.config.js applies by path). */
async function refusals(eslint: ESLint, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => RULES.includes(m.ruleId ?? '')).map((m) => code.split('\n')[m.line - 1]!.trim());
}

describe('contracts import nothing from Node, the ORM or the services (eslint.config.js)', function () {
  this.timeout(60_000);
  const eslint = new ESLint();

  it('holds for every contract file', async () => {
    const modules = readdirSync('src/modules').filter((name) => readdirSync(`src/modules/${name}`).includes('contract.ts'));
    const results = await eslint.lintFiles(['src/contract/**/*.ts', 'src/modules/*/contract.ts']);
    expect(results.length).to.equal(readdirSync('src/contract').length + modules.length);
    for (const result of results) expect(result.messages.filter((m) => RULES.includes(m.ruleId ?? '')), result.filePath).to.deep.equal([]);
  });

  it('refuses a module contract any import but zod, contracts and types from @trpc/server', async () => {
    const allowed = [
      "import { z } from 'zod';",
      "import type { TRPCErrorShape } from '@trpc/server';",
      "import { idSchema } from '../../contract/ids.js';",
      "import { memberRoles } from '../vendors/contract.js';",
      "export { pageOf } from '../../contract/pagination.js';",
    ];
    const refused = [
      "import { randomUUID } from 'node:crypto';",
      "import { MikroORM } from '@mikro-orm/postgresql';",
      "import { TRPCError } from '@trpc/server';",
      "import type { Item } from './entities.js';",
      "import { changeStock } from './services/stock.js';",
      "import { appRouter } from '../../router.js';",
      "import { conflict } from '../../contract/../core/errors.js';",
      "import { Vendor } from '../vendors/entities.js';",
      "export { toTRPCError } from '../../trpc/errors.js';",
      "export const load = () => import('node:fs');",
      "export type Orm = import('../../db/orm.js').Orm;",
    ];
    expect(await refusals(eslint, 'src/modules/inventory/contract.ts', [...allowed, ...refused].join('\n'))).to.deep.equal(refused);
  });

  it('refuses src/contract any import but zod, its siblings and the modules’ contracts', async () => {
    const allowed = ["import { text } from './text.js';", "import { itemCategories } from '../modules/inventory/contract.js';"];
    const refused = ["import { AppError } from '../core/errors.js';", "import { Item } from '../modules/inventory/entities.js';", "import bcrypt from 'bcrypt';"];
    expect(await refusals(eslint, 'src/contract/money.ts', [...allowed, ...refused].join('\n'))).to.deep.equal(refused);
  });
});
