import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { RouterOutputs } from '../../src/router.js';
import { PNG } from '../support/images.js';
import { accessTokenOf, checkScreen, describeInChromium, openBrowser, PASSWORD, screenshot, startWebServer, trpc, unique, watchForErrors, type WebServer } from './browser.js';
import { cartLine, expectFits, expectReportTotals, figure, paymentRow, scan, scanBox, setAtOnce, shown, utcDay } from './screens.js';

// Run inside the page by page.evaluate (the test program has no DOM types).
declare const localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** Registers a new shop owner in the browser and waits for their dashboard: the shop's name. */
async function register(page: Page, server: WebServer, who = unique('owner')) {
  const shop = `Shop of ${who}`;
  await page.goto(`${server.url}/register`);
  await page.getByLabel('First name').fill('Ash');
  await page.getByLabel('Email').fill(`${who}@example.test`);
  await page.getByLabel('Shop name').fill(shop);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  return shop;
}

describeInChromium('the web app in Chromium', function () {
  this.timeout(180_000);
  let server: WebServer;

  /** A tRPC call with the page's own session (what the app itself would send). */
  const call = async <T = { id: string; name: string }>(page: Page, path: string, input: unknown, query = false) =>
    trpc<T>(server.url, await accessTokenOf(page), path, input, query);

  before(async function () {
    server = await startWebServer();
  });
  after(async () => server?.stop());

  it('serves the app for client routes, never for the API’s paths', async () => {
    for (const path of ['/', '/inventory/some-item', '/invitations/accept?token=x']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).to.equal(200);
      expect(await response.text(), path).to.include('<div id="root">');
    }
    for (const path of ['/api/v1/no-such-route', '/exports/x.csv', '/trpc/nothing.here', '/media/nope', '/health/x']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).to.equal(404);
      expect(response.headers.get('content-type'), path).to.match(/^application\/json/);
    }
  });

  it('register → add an item with an image → find it by search → adjust its stock → sell it with a split payment → the dashboard and the reports change', async () => {
    const browser = await openBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await checkScreen(page, 'sign-in');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create your account' }).waitFor();
      await page.getByRole('button', { name: 'Create account' }).click();
      expect(await page.getByText('Must be at least 10 characters.').count()).to.equal(1); // client-side, on its field
      await checkScreen(page, 'register');
      await register(page, server);
      await figure(page, 'Units in stock').getByText('0').waitFor();
      await page.getByText('No stock yet').waitFor();
      await checkScreen(page, 'dashboard-empty');

      // Two other items, so the search has something to leave out.
      for (const name of ['Pikachu Promo', 'Booster Box Jungle']) {
        const created = await call(page, 'items.create', { name, sku: unique('SKU'), quantity: 4, price: '5.00', category: 'trading_card' });
        expect(created.name).to.equal(name);
      }

      await page.getByRole('link', { name: 'Add item' }).first().click();
      await page.getByRole('heading', { name: 'Add an item' }).waitFor();
      await page.getByRole('button', { name: 'Add item' }).click();
      await page.getByText('Must not be empty.').first().waitFor();
      await page.getByLabel('Name').fill('Charizard Holo Base Set');
      await page.getByLabel('SKU').fill('BASE-4-HOLO');
      await page.getByLabel('Condition').fill('Near Mint');
      await page.getByLabel('Quantity').fill('3');
      await page.getByLabel('Cost (USD)').fill('180');
      await page.getByLabel('Price (USD)').fill('249.99');
      await page.getByLabel('Game').fill('Pokemon');
      await page.getByLabel('Set', { exact: true }).fill('Base Set');
      await page.getByLabel('Grading company').selectOption('PSA');
      await page.getByLabel('Grade').fill('9.25');
      await page.locator('input[type=file]').setInputFiles({ name: 'charizard.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('img', { name: 'Image 1 (primary)' }).waitFor();
      await checkScreen(page, 'item-new');
      await page.getByRole('button', { name: 'Add item' }).click();
      // The grade is checked by the contract's own schema (half steps), on its field.
      await page.getByText('Too small: expected number to be a multiple of 0.5').or(page.getByText(/multiple of 0\.5/i)).first().waitFor();
      await page.getByLabel('Grade').fill('9.5');
      await page.getByRole('button', { name: 'Add item' }).click();
      await page.getByRole('heading', { name: 'Charizard Holo Base Set' }).waitFor();
      await page.getByText('PSA 9.5').waitFor();
      await page.getByRole('img', { name: 'Charizard Holo Base Set' }).waitFor();
      await page.getByRole('img', { name: /Line chart of the item's prices/ }).locator('.recharts-dot').first().waitFor();
      await checkScreen(page, 'item-page');

      // The server's answer lands on its field: a second item with the same SKU.
      await page.goto(`${server.url}/inventory/new`);
      await page.getByLabel('Name').fill('Another Charizard');
      await page.getByLabel('SKU').fill('base-4-holo');
      await page.getByRole('button', { name: 'Add item' }).click();
      const skuField = page.locator('.field', { has: page.getByLabel('SKU') });
      await skuField.getByText('Already in use: choose another.').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
      await page.getByText('3 items').waitFor();
      await page.getByLabel('Search items').fill('chariz');
      await page.getByText('1 item', { exact: true }).waitFor();
      const rows = page.locator('.item-table__body [role=row]');
      expect(await rows.count()).to.equal(1);
      await checkScreen(page, 'inventory-search');
      await rows.getByRole('link', { name: 'Charizard Holo Base Set' }).click();

      await page.getByRole('heading', { name: 'Adjust stock' }).waitFor();
      await page.getByLabel('Units').fill('5');
      await page.getByLabel('Note (optional)').fill('Bought a collection');
      await page.getByRole('button', { name: 'Save stock change' }).click();
      await page.getByText('Added 5: 8 in stock now.').waitFor();
      const ledger = page.locator('section', { has: page.getByRole('heading', { name: 'Stock ledger' }) });
      await ledger.getByText('Bought a collection').waitFor();
      expect(await ledger.locator('tbody tr').count()).to.equal(2); // the intake of 3, then +5

      await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await figure(page, 'Units in stock').getByText('16').waitFor(); // 4 + 4 + 3 + 5
      await figure(page, 'Items (SKUs)').getByText('3').waitFor();
      const sales = page.locator('section', { has: page.getByRole('heading', { name: 'Sales, last 30 days' }) });
      await sales.getByText('No sales in the last 30 days.').waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await checkScreen(page, 'dashboard');

      // Sold at the point of sale: one unit, part on the card and the rest in cash, with change.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Point of sale' }).click();
      await scanBox(page).focus();
      await scan(page, 'BASE-4-HOLO');
      await cartLine(page, 'Charizard Holo Base Set').waitFor();
      await page.getByTestId('cart-total').getByText('$249.99').waitFor(); // the new shop has no tax rate
      await page.getByRole('button', { name: '+ Card' }).click();
      await paymentRow(page, 0).getByLabel('Amount').fill('200.00');
      await page.getByRole('button', { name: '+ Cash' }).click();
      expect(await paymentRow(page, 1).getByLabel('Amount').inputValue()).to.equal('49.99');
      await paymentRow(page, 1).getByLabel('Cash tendered').fill('60');
      await page.getByTestId('change-due').getByText('$10.01').waitFor();
      await page.getByRole('button', { name: /Complete sale/ }).click();
      const receipt = page.getByRole('article', { name: /Receipt S-\d{6}/ });
      await receipt.getByText('Give $10.01 in change.').waitFor();
      await receipt.getByText('(tendered $60.00)').waitFor();

      // The dashboard and the reports show the sale as the API's report of the last 30 days has it.
      const report = await call<RouterOutputs['reports']['sales']>(page, 'reports.sales', { from: utcDay(29).toISOString(), to: utcDay(-1).toISOString(), groupBy: 'day' }, true);
      expect([report.totals.saleCount, report.totals.revenue]).to.deep.equal([1, '249.99']);
      await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await figure(page, 'Units in stock').getByText('15').waitFor();
      await figure(sales, 'Revenue').getByText(await shown(page, report.totals.revenue), { exact: true }).waitFor();
      await figure(sales, 'Gross profit').getByText(await shown(page, report.totals.grossProfit), { exact: true }).waitFor();
      await figure(sales, 'Sales').getByText('1', { exact: true }).waitFor();
      await page.getByRole('table', { name: 'Top sellers of the last 30 days' }).getByText('Charizard Holo Base Set').waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
      await expectReportTotals(page, report.totals);

      // Bulk: two items get 2 more units each, then one is archived.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
      await page.getByLabel('Select Pikachu Promo').check();
      await page.getByLabel('Select Booster Box Jungle').check();
      await page.getByRole('region', { name: 'Selected items' }).getByText('2 selected').waitFor();
      await page.getByRole('button', { name: 'Adjust stock' }).click();
      const dialog = page.getByRole('dialog', { name: 'Adjust stock of 2 items' });
      await dialog.getByLabel('Units').fill('2');
      await checkScreen(page, 'inventory-bulk-adjust');
      await dialog.getByRole('button', { name: 'Apply to all' }).click();
      await page.getByText('2 items changed.').waitFor();
      const quantityOf = (name: string) => page.locator('.item-table__body [role=row]', { hasText: name }).locator('.item-row__qty');
      await quantityOf('Pikachu Promo').getByText('6').waitFor();
      await quantityOf('Booster Box Jungle').getByText('6').waitFor();
      await page.getByLabel('Select Booster Box Jungle').check();
      await page.getByRole('button', { name: 'Archive', exact: true }).click();
      await page.getByText('1 item archived.').waitFor();
      await page.getByText('2 items', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Archived' }).click();
      await page.getByRole('link', { name: 'Booster Box Jungle' }).waitFor();
      expect(errors()).to.deep.equal([]);
    } finally {
      await browser.cleanup();
    }
  });

  it('invite a staff member → they accept in a second browser → staff cannot open the team page', async () => {
    const ownerBrowser = await openBrowser();
    const staffBrowser = await openBrowser();
    try {
      const owner = ownerBrowser.pages()[0] ?? (await ownerBrowser.newPage());
      const shop = await register(owner, server);
      await owner.getByRole('link', { name: 'Team' }).click();
      await owner.getByRole('heading', { name: 'Invitations' }).waitFor();
      const staffEmail = `${unique('staff')}@example.test`;
      await owner.getByLabel('Email').fill(staffEmail);
      await owner.getByLabel('Role', { exact: true }).selectOption('staff');
      await owner.getByRole('button', { name: 'Invite' }).click();
      const link = await owner.getByLabel('Invitation link').inputValue();
      expect(link).to.match(/\/invitations\/accept\?token=/);
      await owner.getByText(staffEmail).first().waitFor();
      await checkScreen(owner, 'team');

      const staff = staffBrowser.pages()[0] ?? (await staffBrowser.newPage());
      const errors = watchForErrors(staff);
      await staff.goto(link);
      await staff.getByRole('heading', { name: 'Join a shop' }).waitFor();
      await checkScreen(staff, 'invitation-accept');
      await staff.getByLabel('Email').fill(staffEmail);
      await staff.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await staff.getByLabel('Repeat the password').fill(PASSWORD);
      await staff.getByRole('button', { name: 'Create account and join' }).click();
      await staff.getByRole('heading', { name: 'Dashboard' }).waitFor();
      const nav = staff.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Team' }).count()).to.equal(0);
      await staff.goto(`${server.url}/team`);
      await staff.getByRole('heading', { name: 'Not available to you' }).waitFor();
      await staff.getByText('Your role in').waitFor();
      await checkScreen(staff, 'team-refused');
      expect(errors()).to.deep.equal([]);

      // The owner grants the new member the main store; the choice survives a reload.
      await owner.reload();
      const access = owner.getByLabel(new RegExp(`Access of ${staffEmail.replace(/[.+]/g, '\\$&')} to`));
      await access.selectOption('sales');
      await owner.reload();
      expect(await access.inputValue()).to.equal('sales');

      // Removed from the shop, the staff member has none left to work in: they may open one or join another.
      await owner.getByRole('row', { name: new RegExp(staffEmail.replace(/[.+]/g, '\\$&')) }).getByRole('button', { name: 'Remove' }).click();
      const removing = owner.getByRole('dialog', { name: 'Remove this member?' });
      await removing.waitFor();
      await checkScreen(owner, 'team-remove-member');
      await removing.getByRole('button', { name: 'Remove' }).click();
      await removing.waitFor({ state: 'hidden' });
      await staff.reload();
      await staff.getByRole('heading', { name: 'Choose a shop' }).waitFor();
      await checkScreen(staff, 'no-vendor');

      // The owner opens a second shop, and works in it; the switcher in the header goes back to the first.
      await call(owner, 'vendors.create', { name: 'Second Shop' });
      await owner.reload();
      const switcher = owner.getByRole('combobox', { name: 'Shop', exact: true });
      await switcher.locator('option:checked', { hasText: 'Second Shop' }).waitFor({ state: 'attached' });
      expect(await switcher.locator('option').allInnerTexts()).to.have.members([`${shop} (owner)`, 'Second Shop (owner)']);
      await switcher.focus();
      await checkScreen(owner, 'vendor-switcher');
      await switcher.selectOption({ label: `${shop} (owner)` });
      await switcher.locator('option:checked', { hasText: shop }).waitFor({ state: 'attached' });
      await owner.getByRole('heading', { name: 'Dashboard' }).waitFor();
    } finally {
      await ownerBrowser.cleanup();
      await staffBrowser.cleanup();
    }
  });

  it('an expired access token is refreshed silently, also by two tabs at once', async () => {
    const browser = await openBrowser();
    try {
      const first = browser.pages()[0] ?? (await browser.newPage());
      await register(first, server);
      const second = await browser.newPage();
      await second.goto(`${server.url}/inventory`);
      await second.getByRole('heading', { name: 'Inventory' }).waitFor();
      const before = await first.evaluate(() => JSON.parse(localStorage.getItem('omni-stock.session')!).refreshToken);
      // Both tabs believe their access token has run out, and both call the API at the same moment.
      const expire = () => {
        const session = JSON.parse(localStorage.getItem('omni-stock.session')!);
        localStorage.setItem('omni-stock.session', JSON.stringify({ ...session, accessExpiresAt: 0 }));
      };
      await first.evaluate(expire);
      await Promise.all([first.reload(), second.reload()]);
      await first.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await second.getByRole('heading', { name: 'Inventory' }).waitFor();
      await second.getByText('0 items').waitFor();
      const after = await first.evaluate(() => JSON.parse(localStorage.getItem('omni-stock.session')!));
      expect(after.refreshToken).to.not.equal(before);
      expect(after.accessExpiresAt).to.be.greaterThan(Date.now());
      // The rotated session still works: nobody was signed out.
      await first.getByRole('link', { name: 'Stores' }).click();
      await first.getByText('Default').waitFor();
      await first.getByRole('button', { name: 'Edit Main store' }).click();
      const editing = first.getByRole('dialog', { name: 'Edit store' });
      expect(await editing.getByLabel('Name').inputValue()).to.equal('Main store');
      await checkScreen(first, 'store-edit');
      await editing.getByRole('button', { name: 'Cancel' }).click();
      await editing.waitFor({ state: 'hidden' });
    } finally {
      await browser.cleanup();
    }
  });

  it('a phone (360 px wide): inventory, item and form screens fit, and every screen passes axe', async () => {
    const browser = await openBrowser({ width: 360, height: 740 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = watchForErrors(page);
    try {
      await register(page, server);
      await checkScreen(page, 'phone-dashboard');
      const { id } = await call(page, 'items.create', { name: 'Zelda Ocarina of Time', sku: unique('N64'), quantity: 2, price: '39.00', category: 'video_game', attributes: { platform: 'N64', region: 'PAL', completeness: 'cib' } });
      // Besides it, a game out of stock and a card in stock: only both filters together leave one item.
      await call(page, 'items.create', { name: 'Mario Kart 64', sku: unique('N64'), quantity: 0, price: '25.00', category: 'video_game' });
      await call(page, 'items.create', { name: 'Pikachu Promo', sku: unique('SKU'), quantity: 1, price: '5.00', category: 'trading_card' });

      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Inventory' }).click();
      await page.getByText('3 items', { exact: true }).waitFor();
      await expectFits(page, 'inventory');
      await page.getByRole('button', { name: 'Filters' }).click();
      // Two filters change before the page renders again: neither is lost.
      await setAtOnce(page, [[page.getByLabel('Category'), 'video_game'], [page.getByLabel('Stock', { exact: true }), 'in']]);
      await page.getByText('1 item', { exact: true }).waitFor();
      const filters = new URL(page.url()).searchParams;
      expect([filters.get('category'), filters.get('stock')]).to.deep.equal(['video_game', 'in']);
      await expectFits(page, 'inventory with filters');
      await checkScreen(page, 'phone-inventory');

      await page.getByRole('link', { name: 'Zelda Ocarina of Time' }).click();
      await page.getByText('Platform').waitFor();
      await expectFits(page, 'item page');
      await checkScreen(page, 'phone-item');

      await page.getByRole('link', { name: 'Edit' }).click();
      await page.getByRole('heading', { name: 'Game details' }).waitFor();
      expect(await page.getByLabel('Region').inputValue()).to.equal('PAL');
      await page.getByLabel('Region').fill('NTSC-U');
      await expectFits(page, 'item form');
      await checkScreen(page, 'phone-item-edit');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('NTSC-U').waitFor();
      expect(page.url()).to.equal(`${server.url}/inventory/${id}`);

      for (const [path, heading, name] of [
        ['/stores', 'Stores', 'stores'],
        ['/settings', 'Shop settings', 'settings'],
        ['/profile', 'Your profile', 'profile'],
        ['/nowhere', 'Page not found', 'not-found'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: heading }).waitFor();
        await expectFits(page, name);
        await checkScreen(page, `phone-${name}`);
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      for (const [path, heading, name] of [
        ['/forgot-password', 'Reset your password', 'forgot-password'],
        ['/reset-password?token=not-a-real-one', 'Choose a new password', 'reset-password'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: heading }).waitFor();
        await checkScreen(page, `phone-${name}`);
      }
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the new password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await page.getByText('This link can no longer be used').waitFor();
      await screenshot(page, 'phone-reset-password-refused');
      expect(errors()).to.deep.equal([]);
    } finally {
      await browser.cleanup();
    }
  });
});
