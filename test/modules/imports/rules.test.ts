import { expect } from 'chai';
import { app } from '../../support/app.js';
import { expectTRPCError, issuePaths, signUp } from '../../support/fixtures.js';
import { csvOf, runImport, uploadCsv, waitForImport, withImportWorker } from '../../support/imports.js';
import { defaultStoreId, joinVendor } from '../../support/members.js';

describe('imports: bad input, partial imports, roles and vendor isolation', () => {
  it('fails fast on a missing required column or a file that is not UTF-8, naming the problem', async () => {
    const shop = await signUp();
    const missing = await runImport(shop, { csv: csvOf([['sku', 'title'], ['A', 'Alpha']]) });
    expect(missing).to.include({ status: 'failed' });
    expect(missing.failure).to.match(/no "name" column/);
    const latin1 = Buffer.concat([Buffer.from('sku,name\nA,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const encoded = await runImport(shop, { uploadId: await uploadCsv(shop, latin1), csv: undefined });
    expect(encoded.status).to.equal('failed');
    expect(encoded.failure).to.match(/not UTF-8/);
    const tcg = await runImport(shop, { csv: csvOf([['TCGplayer Id', 'Product Name'], ['1', 'X']]), preset: 'tcgplayer' });
    expect(tcg.failure).to.match(/no "Condition" column/);
  });

  it('reports every bad row with its file line and column; without partial nothing is written', async () => {
    const shop = await signUp();
    const csv = csvOf([
      ['sku', 'name', 'quantity', 'price', 'description'],
      ['OK-1', 'Fine', 1, '1.00', 'a\nmulti-line, "quoted" cell'],
      ['NEG-1', 'Negative', -2, '1.00', ''],
      ['CENT-1', 'Too precise', 1, '12.345', ''],
      ['LONG-1', 'Long', 1, '1.00', 'x'.repeat(10_001)],
      ['ok-1', 'Duplicate', 1, '1.00', ''],
      ['OK-2', 'Fine too', 2, '2.00', ''],
    ]);
    const job = await runImport(shop, { csv });
    expect(job.status).to.equal('failed');
    expect(job.wouldApply).to.equal(false);
    expect(job.summary).to.deep.equal({ create: 2, update: 0, unchanged: 0, error: 4 });
    expect(job.errors.map((e) => [e.row, e.column])).to.deep.equal([[4, 'quantity'], [5, 'price'], [6, 'description'], [7, 'sku']]);
    expect(job.errors[3]!.message).to.match(/duplicate SKU "ok-1": line 2/);
    expect((await shop.caller.items.list({})).total).to.equal(0);
    const page = await shop.caller.imports.errors({ id: job.id, limit: 3 });
    expect(page.total).to.equal(4);
    expect(page.items.map((e) => e.row)).to.deep.equal([4, 5, 6]);
    const rest = await shop.caller.imports.errors({ id: job.id, limit: 3, cursor: page.nextCursor! });
    expect(rest.items.map((e) => e.row)).to.deep.equal([7]);
    expect(rest.nextCursor).to.equal(null);

    const dry = await runImport(shop, { csv, mode: 'dryRun' });
    expect(dry).to.include({ status: 'succeeded', wouldApply: false });
    const partial = await runImport(shop, { csv, partial: true });
    expect(partial).to.include({ status: 'succeeded', wouldApply: true });
    expect(partial.summary).to.deep.equal({ create: 2, update: 0, unchanged: 0, error: 4 });
    const { items } = await shop.caller.items.list({ sort: 'sku', order: 'asc' });
    expect(items.map((i) => [i.sku, i.description])).to.deep.equal([['OK-1', 'a\nmulti-line, "quoted" cell'], ['OK-2', null]]);
  });

  it('reads ; files with a BOM and CRLF, and maps columns for the custom preset', async () => {
    const shop = await signUp();
    const native = await runImport(shop, { csv: '\uFEFFsku;name;price\r\nS-1;"Semi; colon";1,5\r\nS-2;Two;2.50\r\n', partial: true });
    expect(native.summary).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 1 });
    expect(native.errors).to.deep.include({ row: 2, column: 'price', message: 'must be a decimal string >= 0 with at most 10 integer digits and 2 decimals' });
    const custom = await runImport(shop, {
      csv: csvOf([['Code', 'Title', 'Stock', 'Grade'], ['C-1', 'Graded', 4, 'NM']]),
      preset: 'custom', mapping: { Code: 'sku', Title: 'name', Stock: 'quantity', Grade: 'condition' },
    });
    expect(custom.summary).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 0 });
    const { items } = await shop.caller.items.list({ search: 'C-1' });
    expect(items[0]).to.include({ quantity: 4, condition: 'Near Mint' });
  });

  it('validates the input: csv or uploadId, a mapping for custom', async () => {
    const shop = await signUp();
    const base = { fileName: 'a.csv', preset: 'native', mode: 'apply' } as const;
    const both = await expectTRPCError(shop.caller.imports.create({ ...base, csv: 'sku,name\n', uploadId: '019adc00-0000-7000-8000-000000000000' }), 'BAD_REQUEST');
    expect(issuePaths(both)).to.deep.equal(['csv']);
    const custom = await expectTRPCError(shop.caller.imports.create({ ...base, preset: 'custom', csv: 'a\n' }), 'BAD_REQUEST');
    expect(issuePaths(custom)).to.deep.equal(['mapping']);
    const big = await expectTRPCError(shop.caller.imports.createUploadUrl({ fileName: 'a.csv', contentType: 'text/csv', size: 50 * 1024 * 1024 + 1 }), 'BAD_REQUEST');
    expect(issuePaths(big)).to.deep.equal(['size']);
  });

  it('refuses hand-made cursors past the columns\' ranges on cursor, and takes the in-range ones', async () => {
    const shop = await signUp();
    const job = await runImport(shop, { csv: csvOf([['sku', 'name', 'quantity'], ['NEG-1', 'Negative', -1], ['NEG-2', 'Negative', -2]]) });
    const cursor = (value: unknown) => Buffer.from(JSON.stringify([value, job.id])).toString('base64url');
    for (const position of [2 ** 31, 2 ** 63, -1, 0.5]) {
      const refused = await expectTRPCError(shop.caller.imports.errors({ id: job.id, cursor: cursor(position) }), 'BAD_REQUEST');
      expect(issuePaths(refused), String(position)).to.deep.equal(['cursor']);
    }
    expect((await shop.caller.imports.errors({ id: job.id, cursor: cursor(2 ** 31 - 1) })).items).to.deep.equal([]);
    for (const createdAt of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '294277-01-01T00:00:00Z']) {
      const refused = await expectTRPCError(shop.caller.imports.list({ cursor: cursor(createdAt) }), 'BAD_REQUEST');
      expect(issuePaths(refused), createdAt).to.deep.equal(['cursor']);
    }
    const later = await shop.caller.imports.list({ cursor: cursor('9999-12-31T23:59:59+02:00') });
    expect(later.items.map((j) => j.id)).to.deep.equal([job.id]);
  });

  it('staff need a manager grant, and import only into stores they manage; viewers may not import', async () => {
    const shop = await signUp();
    const storeId = await defaultStoreId(shop.vendor.id);
    const booth = await shop.caller.stores.create({ name: 'Booth' });
    const viewer = await joinVendor(shop, 'viewer', [{ storeId, role: 'view_only' }]);
    const seller = await joinVendor(shop, 'staff', [{ storeId, role: 'sales' }]);
    const manager = await joinVendor(shop, 'staff', [{ storeId, role: 'manager' }]);
    const input = { fileName: 'a.csv', preset: 'native', mode: 'apply', csv: 'sku,name\nA,B\n' } as const;
    await expectTRPCError(viewer.caller.imports.create(input), 'FORBIDDEN');
    await expectTRPCError(viewer.caller.imports.list({}), 'FORBIDDEN');
    await expectTRPCError(seller.caller.imports.create(input), 'FORBIDDEN');
    await expectTRPCError(seller.caller.imports.createUploadUrl({ fileName: 'a.csv', contentType: 'text/csv', size: 10 }), 'FORBIDDEN');
    await runImport(shop, { csv: csvOf([['sku', 'name', 'store'], ['IN-BOOTH', 'Booth item', booth.slug]]) });
    const job = await runImport(manager, { csv: csvOf([['sku', 'name', 'store'], ['MINE', 'Mine', ''], ['THERE', 'There', booth.slug], ['IN-BOOTH', 'Renamed', '']]), partial: true });
    expect(job.summary).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 2 });
    expect(job.errors.map((e) => [e.row, e.column])).to.deep.equal([[3, 'store'], [4, 'sku']]);
    expect(job.createdBy).to.equal(manager.user.id);
  });

  it('answers NOT_FOUND for another vendor\'s import or upload, on every procedure', async () => {
    const shop = await signUp();
    const other = await signUp();
    const job = await runImport(shop, { csv: 'sku,name\nA,B\n', mode: 'dryRun' });
    await expectTRPCError(other.caller.imports.get({ id: job.id }), 'NOT_FOUND');
    await expectTRPCError(other.caller.imports.errors({ id: job.id }), 'NOT_FOUND');
    await expectTRPCError(other.caller.imports.cancel({ id: job.id }), 'NOT_FOUND');
    expect((await other.caller.imports.list({})).total).to.equal(0);
    expect((await shop.caller.imports.list({})).items.map((j) => j.id)).to.deep.equal([job.id]);
    const uploadId = await uploadCsv(shop, Buffer.from('sku,name\nA,B\n'));
    await expectTRPCError(other.caller.imports.create({ uploadId, fileName: 'a.csv', preset: 'native', mode: 'apply' }), 'NOT_FOUND');
    await withImportWorker();
    const own = await shop.caller.imports.create({ uploadId, fileName: 'a.csv', preset: 'native', mode: 'apply' });
    expect((await waitForImport(shop.caller, own.id)).summary).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 0 });
    // The worker deletes the uploaded file once the job has ended.
    const path = `${shop.vendor.id}/imports/${uploadId}.csv`;
    for (let i = 0; i < 40 && (await app().storage.hasObject(path)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await app().storage.hasObject(path)).to.equal(false);
  });
});
