import { expect } from 'chai';
import { mock } from 'node:test';
import { createCaller } from '../../src/caller.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { createServices, type AppServices } from '../../src/services.js';
import { testConfig } from '../support/app.js';
import { sell } from '../support/sales.js';
import { checkScreen, describeInChromium, openBrowser, PASSWORD, startWebServer, watchForErrors, type WebServer } from './browser.js';
import { expectFits, expectReportTotals, figure, setAtOnce, shown, utcDay } from './screens.js';

const isoDay = (daysAgo: number) => utcDay(daysAgo).toISOString().slice(0, 10);

/**
 * The sales the screens show, written through the API in-process (the server's own database): a
 * shop three days ago with its items and a first sale, two more sales now.
 */
async function seedShop(services: AppServices) {
  const email = `reports-${process.pid}@example.test`;
  // Everything before the first sale happens three days ago: the process's clock (Date only) is moved back.
  mock.timers.enable({ apis: ['Date'], now: utcDay(3).getTime() + 10 * 3_600_000 });
  let items: Record<'charizard' | 'booster' | 'sleeves' | 'figure', string>;
  try {
    const owner = await createCaller(services, { ip: '127.0.0.1' }).auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD, vendorName: 'Reports Shop', firstName: 'Ash' });
    const caller = createCaller(services, { accessToken: owner.accessToken });
    const item = async (name: string, category: 'trading_card' | 'sealed_product' | 'accessory' | 'toy', quantity: number, price: string, intakePrice: string) =>
      (await caller.items.create({ name, sku: name.toUpperCase().replace(/ /g, '-'), category, quantity, price, intakePrice })).id;
    items = {
      charizard: await item('Charizard Holo', 'trading_card', 5, '250.00', '180.00'),
      booster: await item('Booster Pack', 'sealed_product', 50, '4.50', '2.75'),
      sleeves: await item('Card Sleeves', 'accessory', 30, '8.99', '3.10'),
      figure: await item('Dusty Figure', 'toy', 2, '15.00', '6.00'),
    };
    await sell({ caller }, [[items.booster, 2]]);
  } finally {
    mock.timers.reset();
  }
  const { accessToken } = await createCaller(services, { ip: '127.0.0.1' }).auth.login({ email, password: PASSWORD });
  const caller = createCaller(services, { accessToken });
  // A split payment (card and cash) with a line discount, then cash only.
  await caller.sales.create({
    lines: [{ itemId: items.charizard, quantity: 1 }, { itemId: items.sleeves, quantity: 1, discount: '1.00' }],
    payments: [{ method: 'card', amount: '250.00' }, { method: 'cash', amount: '7.99', tendered: '10.00' }],
  });
  await sell({ caller }, [[items.booster, 3]]);
  return { email, caller };
}

describeInChromium('the dashboard, reports and shop settings in Chromium', function () {
  this.timeout(180_000);
  let server: WebServer;
  let services: AppServices;

  before(async function () {
    server = await startWebServer();
    services = createServices(testConfig(), await openOrm(server.databaseUrl, { migrate: false }), createLogger('silent'));
  });
  after(async () => {
    await services?.rateLimiter.close();
    await services?.orm.close();
    await server?.stop();
  });

  it('sales made through the API show on the dashboard and the reports; the time zone and tax rate are saved', async () => {
    const { email, caller } = await seedShop(services);
    const last30 = { from: utcDay(29).toISOString(), to: utcDay(-1).toISOString() };
    const api = await caller.reports.sales({ ...last30, groupBy: 'day' });
    expect(api.totals.saleCount).to.equal(3);
    expect(api.groups).to.have.length(2); // three days ago, and today

    const browser = await openBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = watchForErrors(page);
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

      // The dashboard: 30 days of sales as a chart (a bar on each of the two days sold) and the top sellers.
      const sales = page.locator('section', { has: page.getByRole('heading', { name: 'Sales, last 30 days' }) });
      await sales.locator('.figure', { hasText: 'Revenue' }).getByText(await shown(page, api.totals.revenue)).waitFor();
      await sales.locator('.figure', { hasText: 'Gross profit' }).getByText(await shown(page, api.totals.grossProfit)).waitFor();
      await sales.locator('.recharts-bar-rectangle').nth(1).waitFor();
      const topSellers = page.getByRole('table', { name: 'Top sellers of the last 30 days' });
      await topSellers.getByRole('row').nth(1).getByText('Booster Pack').waitFor(); // 5 units
      expect(await topSellers.getByRole('row').count()).to.equal(4); // the header and three items
      await checkScreen(page, 'dashboard-sales');

      // Reports: the last 30 days by day, every total as the API answers it.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
      await expectReportTotals(page, api.totals);
      await page.locator('.chart .recharts-bar-rectangle').nth(1).waitFor();
      await checkScreen(page, 'reports-sales');

      // By payment method: the split sale counts for card and for cash.
      await page.getByLabel('Group by').selectOption('paymentMethod');
      const groups = page.getByRole('table', { name: 'Sales by payment method' });
      await groups.getByRole('rowheader', { name: 'Card' }).waitFor();
      const byMethod = await caller.reports.sales({ ...last30, groupBy: 'paymentMethod' });
      const cash = byMethod.groups.find((g) => g.key === 'cash')!;
      await groups.getByRole('row', { name: /^Cash/ }).getByText(await shown(page, cash.revenue), { exact: true }).waitFor();
      await groups.getByRole('row', { name: /^Cash/ }).getByRole('cell').first().getByText(String(cash.saleCount)).waitFor();

      // Today only, then a custom day three days ago: the totals follow the API's for those days.
      await page.getByLabel('Period').selectOption('today');
      const today = await caller.reports.sales({ from: utcDay(0).toISOString(), to: utcDay(-1).toISOString(), groupBy: 'day' });
      await figure(page, 'Revenue').getByText(await shown(page, today.totals.revenue), { exact: true }).waitFor();
      await figure(page, 'Sales').getByText('2', { exact: true }).waitFor();
      await page.getByLabel('Period').selectOption('custom');
      // Both dates change in one task, before the page renders again (as a quick hand or autofill may): neither is lost.
      await setAtOnce(page, [[page.getByLabel('From'), isoDay(3)], [page.getByLabel('To (included)'), isoDay(3)]]);
      const thatDay = await caller.reports.sales({ from: utcDay(3).toISOString(), to: utcDay(2).toISOString(), groupBy: 'day' });
      await figure(page, 'Revenue').getByText(await shown(page, thatDay.totals.revenue), { exact: true }).waitFor();
      await figure(page, 'Sales').getByText('1', { exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('groupBy')).to.equal('paymentMethod'); // the choices live in the address

      // Top sellers by units, then by revenue; keyboard: the arrow keys move between the tabs.
      await page.getByLabel('Period').selectOption('last30');
      await page.getByRole('tab', { name: 'Sales' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: 'Top sellers', selected: true }).waitFor();
      expect(await page.getByRole('tab', { name: 'Top sellers' }).evaluate((tab) => tab === tab.ownerDocument.activeElement)).to.equal(true);
      const best = page.getByRole('table', { name: 'Top sellers by units' });
      await best.getByRole('row').nth(1).getByText('Booster Pack').waitFor();
      await page.getByRole('button', { name: 'By revenue' }).click();
      await page.getByRole('table', { name: 'Top sellers by revenue' }).getByRole('row').nth(1).getByText('Charizard Holo').waitFor();
      await checkScreen(page, 'reports-top-sellers');

      // Slow movers: nothing idle for 30 days; for 2 days, the figure never sold since it came in.
      await page.getByRole('tab', { name: 'Slow movers' }).click();
      await page.getByText('Every item in stock sold in the last 30 days.').waitFor();
      await page.getByLabel('Not sold for (days)').fill('0');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('.field__error').first().waitFor(); // the contract's minimum, on the field
      await page.getByLabel('Not sold for (days)').fill('2');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('heading', { name: '1 item not sold for 2 days' }).waitFor();
      await page.getByRole('table', { name: 'Slow movers' }).getByText('Dusty Figure').waitFor();
      await checkScreen(page, 'reports-slow-movers');

      // Inventory value now, and at the end of four days ago (before the shop had stock).
      await page.getByRole('tab', { name: 'Inventory value' }).click();
      const value = await caller.reports.inventoryValue({});
      await figure(page, 'Units').getByText(String(value.totals.units), { exact: true }).waitFor();
      await figure(page, 'Value at cost').getByText(await shown(page, value.totals.valueAtCost), { exact: true }).waitFor();
      await checkScreen(page, 'reports-inventory-value');
      await page.getByLabel('As of the end of').fill(isoDay(4));
      await page.getByRole('heading', { name: /^Stock at the end of/ }).waitFor();
      await figure(page, 'Units').getByText('0', { exact: true }).waitFor();

      // Settings: the time zone and the tax rate, checked on their fields, saved, and used by the reports.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Time zone').selectOption('America/New_York');
      await page.getByLabel('Tax rate (%)').fill('8.8755');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.locator('.field', { has: page.getByLabel('Tax rate (%)') }).locator('.field__error').waitFor();
      await page.getByLabel('Tax rate (%)').fill('8.875');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      const vendor = await caller.vendors.current();
      expect([vendor.timeZone, vendor.taxRate]).to.deep.equal(['America/New_York', '8.875']);
      await page.reload();
      expect(await page.getByLabel('Time zone').inputValue()).to.equal('America/New_York');
      expect(await page.getByLabel('Tax rate (%)').inputValue()).to.equal('8.875');
      await checkScreen(page, 'settings-tax');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await page.getByText('Days run in the shop’s time zone, America/New_York.').waitFor();

      // A phone, 360 px wide: the reports (the widest table, by item) and the dashboard fit and pass axe.
      await page.setViewportSize({ width: 360, height: 740 });
      for (const [path, heading, name] of [
        ['/reports?groupBy=item', 'Reports', 'phone-reports'],
        ['/', 'Dashboard', 'phone-dashboard-sales'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await page.locator('.recharts-bar-rectangle').first().or(page.getByRole('rowheader', { name: /Booster Pack/ })).first().waitFor();
        await expectFits(page, name);
        await checkScreen(page, name);
      }
      expect(errors()).to.deep.equal([]);
    } finally {
      await browser.cleanup();
    }
  });
});
