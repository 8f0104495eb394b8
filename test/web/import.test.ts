import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { tcgplayerColumns } from '../../src/contract/csv.js';
import { checkScreen, describeInChromium, openBrowser, PASSWORD, registerOwner, screenshot, signInWithTokens, startWebServer, watchForErrors, type WebServer } from './browser.js';
import { expectFits, figure } from './screens.js';

/**
 * The import screen and the export buttons in Chromium: one shop registered through the API (its
 * tokens put in the page's storage), a TCGplayer file checked, imported, seen in the inventory
 * and exported again.
 */

/** A TCGplayer seller export with the real header: five cards, the third with an unknown printing (file line 4). */
function tcgplayerFile(): string {
  const row = (id: number, name: string, condition: string) =>
    [id, 'Pokemon', 'Jungle', name, '', `${id % 64}/64`, 'Rare', condition, '3.50', '2.00', 2, 1, '4.00', ''].join(',');
  return [
    tcgplayerColumns.join(','),
    row(900001, 'Scyther', 'Near Mint Holofoil'),
    row(900002, 'Pinsir', 'Lightly Played'),
    row(900003, 'Jolteon', 'Near Mint Glitter'),
    row(900004, 'Vaporeon', 'Near Mint'),
    row(900005, 'Flareon', 'Moderately Played 1st Edition'),
  ].join('\n') + '\n';
}

describeInChromium('imports and exports in Chromium', function () {
  this.timeout(90_000);
  let server: WebServer;
  let browser: BrowserContext & { cleanup(): Promise<void> };
  let page: Page;
  let errors: () => string[];

  before(async function () {
    server = await startWebServer();
    const tokens = await registerOwner(server.url, { email: `import-${process.pid}@example.test`, password: PASSWORD, vendorName: 'Jungle Cards', firstName: 'Brock' });
    browser = await openBrowser();
    page = browser.pages()[0] ?? (await browser.newPage());
    errors = watchForErrors(page);
    await signInWithTokens(page, server.url, tokens);
  });
  after(async () => {
    await browser?.cleanup();
    await server?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: 'test-results/screens/failed-import.png', fullPage: true });
    expect(errors()).to.deep.equal([]);
  });

  it('checks a TCGplayer file (4 new, 1 error on its line), imports the valid rows, lists them and exports them', async () => {
    await page.goto(`${server.url}/inventory`);
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.getByRole('heading', { name: 'Import items' }).waitFor();
    await checkScreen(page, 'import-empty');

    await page.getByLabel('File format').selectOption('tcgplayer');
    await page.getByLabel('CSV file').setInputFiles({ name: 'TCGplayer__Pricing_Custom_Export.csv', mimeType: 'text/csv', buffer: Buffer.from(tcgplayerFile()) });
    expect(await page.getByLabel(/^Dry run/).isChecked(), 'a dry run by default').to.equal(true);
    await page.getByRole('button', { name: 'Check file' }).click();

    await page.getByText('The file was checked. Nothing has changed yet.').waitFor();
    expect(await figure(page, 'New items').innerText()).to.equal('4');
    expect(await figure(page, 'Rows with errors').innerText()).to.equal('1');
    const problem = page.getByRole('region', { name: 'Rows with errors' }).getByRole('row', { name: /Condition/ });
    expect(await problem.locator('td').allInnerTexts()).to.deep.equal(['4', 'Condition', 'Has an unknown printing "Glitter".']);
    await page.getByText('importing this file would change nothing').waitFor();
    await checkScreen(page, 'import-dry-run');

    await page.getByLabel('Import the valid rows even when some rows have errors').check();
    await page.getByRole('button', { name: 'Import these rows' }).click();
    await page.getByText('The import is done.').waitFor();
    expect(await figure(page, 'Created').innerText()).to.equal('4');
    await checkScreen(page, 'import-applied');

    await page.getByRole('link', { name: 'Back to inventory' }).click();
    for (const sku of ['TCG-900001', 'TCG-900002', 'TCG-900004', 'TCG-900005']) await page.getByText(sku, { exact: true }).first().waitFor();
    expect(await page.getByText('TCG-900003', { exact: true }).count(), 'the row in error was not imported').to.equal(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).to.match(/^items-.*-native-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    for (const sku of ['TCG-900001', 'TCG-900002', 'TCG-900004', 'TCG-900005']) expect(csv).to.contain(sku);

    // A phone: the inventory header with its buttons and the import screen fit 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.getByRole('button', { name: 'Export for TCGplayer' }).waitFor();
      await expectFits(page, 'the inventory page');
      await screenshot(page, 'inventory-phone');
      await page.goto(`${server.url}/inventory/import`);
      await page.getByRole('heading', { name: 'Import items' }).waitFor();
      await expectFits(page, 'the import screen');
      await screenshot(page, 'import-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});
