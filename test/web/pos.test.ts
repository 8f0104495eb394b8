import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { checkScreen, describeInChromium, openBrowser, PASSWORD, registerOwner, screenshot, signInWithTokens, startWebServer, trpc, unique, watchForErrors, type WebServer } from './browser.js';
import { cartLine, expectFits, figure, paymentRow, scan, scanBox, scanHasFocus } from './screens.js';

/**
 * The point of sale and the sales screens in Chromium: one server and one browser for the file,
 * one shop registered through the API (its tokens put in the page's storage), items made through
 * the API, and everything a cashier does done in the page.
 */
describeInChromium('the point of sale in Chromium', function () {
  this.timeout(120_000);
  let server: WebServer;
  let browser: BrowserContext & { cleanup(): Promise<void> };
  let accessToken: string;
  let page: Page;
  let errors: () => string[];

  /** A tRPC call from the test process with the shop owner's token. */
  const api = <T = { id: string; quantity: number }>(path: string, input: unknown, query = false) => trpc<T>(server.url, accessToken, path, input, query);
  const item = (name: string, quantity: number, price: string) =>
    api<{ id: string; sku: string; quantity: number }>('items.create', { name, sku: unique('POS').toUpperCase(), quantity, price, intakePrice: '1.00', category: 'trading_card' });
  const stock = async (id: string) => (await api<{ quantity: number }>('items.get', { id }, true)).quantity;

  before(async function () {
    server = await startWebServer();
    const email = `${unique('till')}@example.test`;
    const tokens = await registerOwner(server.url, { email, password: PASSWORD, vendorName: 'Convention Cards', firstName: 'Misty' });
    accessToken = tokens.accessToken;
    await api('vendors.update', { taxRate: '8.25' });
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
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: `test-results/screens/failed-pos-${unique('test')}.png`, fullPage: true });
    expect(errors()).to.deep.equal([]);
  });

  it('scans SKUs, finds one by name, discounts, splits card + cash with change, and the sale is in the list and the dashboard', async () => {
    const pikachu = await item('Pikachu Promo', 5, '12.50');
    const sleeves = await item('Card Sleeves', 10, '8.99');
    await item('Booster Box Jungle', 2, '144.00');
    await page.goto(`${server.url}/`);
    await figure(page, 'Units in stock').getByText('17', { exact: true }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Point of sale' }).click();
    await page.getByRole('heading', { name: 'Point of sale' }).waitFor();
    await page.getByText('The cart is empty').waitFor();
    await checkScreen(page, 'pos-empty');

    await scanBox(page).focus();
    await scan(page, pikachu.sku);
    await cartLine(page, 'Pikachu Promo').waitFor();
    expect(await scanHasFocus(page), 'the SKU box keeps the focus for the next scan').to.equal(true);
    await scan(page, pikachu.sku.toLowerCase()); // the same item again: one more unit
    await scan(page, sleeves.sku);
    await cartLine(page, 'Card Sleeves').waitFor();
    expect(await cartLine(page, 'Pikachu Promo').getByLabel('Quantity').inputValue()).to.equal('2');
    expect(await scanHasFocus(page)).to.equal(true);

    // A name: suggestions to choose from.
    await scanBox(page).fill('booster');
    await page.getByRole('list', { name: 'Matching items' }).getByRole('button', { name: /Booster Box Jungle/ }).click();
    await cartLine(page, 'Booster Box Jungle').waitFor();
    expect(await scanHasFocus(page)).to.equal(true);

    await cartLine(page, 'Card Sleeves').getByRole('button', { name: 'One more Card Sleeves' }).click();
    await cartLine(page, 'Card Sleeves').getByLabel('Discount').fill('1');
    await page.getByLabel('Sale discount').fill('2.00');
    // 2 × 12.50 + (2 × 8.99 − 1.00) + 144.00 = 185.98; − 2.00 = 183.98; tax 8.25 % = 15.17835 → 15.18; total 199.16
    await page.getByTestId('cart-total').getByText('$199.16').waitFor();
    await page.getByText('$15.18').waitFor();

    await page.getByRole('button', { name: '+ Card' }).click();
        expect(await paymentRow(page, 0).getByLabel('Amount').inputValue()).to.equal('199.16');
    await paymentRow(page, 0).getByLabel('Amount').fill('150.00');
    await page.getByRole('button', { name: '+ Cash' }).click();
    expect(await paymentRow(page, 1).getByLabel('Amount').inputValue()).to.equal('49.16');
    await paymentRow(page, 1).getByLabel('Cash tendered').fill('60');
    await page.getByTestId('change-due').getByText('$10.84').waitFor();
    await page.getByLabel('Customer (optional)').fill('Ash Ketchum');
    await checkScreen(page, 'pos-cart');

    await page.getByRole('button', { name: /Complete sale/ }).click();
    const receipt = page.getByRole('article', { name: /Receipt S-\d{6}/ });
    await receipt.waitFor();
    const number = (await receipt.getByRole('heading').first().innerText()).replace('Receipt ', '');
    await receipt.getByText('Give $10.84 in change.').waitFor();
    await receipt.getByText('Customer: Ash Ketchum').waitFor();
    await receipt.getByRole('row', { name: /Card Sleeves/ }).getByText('$16.98').waitFor();
    await receipt.getByText('(tendered $60.00)').waitFor();
    await checkScreen(page, 'pos-receipt');
    await page.emulateMedia({ media: 'print' }); // printed, the receipt alone
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).to.equal(false);
    expect(await page.getByRole('button', { name: 'New sale' }).isVisible()).to.equal(false);
    await screenshot(page, 'pos-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await stock(pikachu.id)).to.equal(3);

    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByText('The cart is empty').waitFor();
    expect(await scanHasFocus(page)).to.equal(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales' }).click();
    const row = page.getByRole('row', { name: new RegExp(number) });
    await row.getByText('$199.16').waitFor();
    await row.getByText('Card, Cash').waitFor();
    await page.getByLabel('Search (number or customer)').fill('ketchum');
    await page.getByLabel('Search (number or customer)').press('Enter');
    await page.getByText('1 sale', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Payment method').selectOption('trade');
    await page.getByText('No sales match these filters.').waitFor();
    await checkScreen(page, 'sales-list-filtered');
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await row.waitFor();
    await checkScreen(page, 'sales-list');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await figure(page, 'Units in stock').getByText('12', { exact: true }).waitFor(); // 17 − 5 sold
  });

  it('a sale short of stock names the short item on its line; a dropped answer is retried with the same key and sells once', async () => {
    const binder = await item('Nine-Pocket Binder', 2, '20.00');
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('sales.create')) keys.push(JSON.parse(request.postData()!)['0'].idempotencyKey);
    });
    await page.goto(`${server.url}/pos`);
    await scanBox(page).focus();
    await scan(page, binder.sku);
    await cartLine(page, 'Nine-Pocket Binder').getByRole('button', { name: 'One more Nine-Pocket Binder' }).click();
    await page.getByRole('button', { name: '+ Card' }).click();
    // The other till sold one meanwhile.
    await api('items.adjustStock', { id: binder.id, delta: -1, reason: 'adjustment', note: 'sold at the other till' });
    await page.getByRole('button', { name: /Complete sale/ }).click();
    await page.getByText('Not enough stock for the marked items').waitFor();
    await cartLine(page, 'Nine-Pocket Binder').getByText('Only 1 in stock.').waitFor();
    await checkScreen(page, 'pos-out-of-stock');

    // One unit then, and the connection drops after the server has sold it: the retry answers that sale.
    await cartLine(page, 'Nine-Pocket Binder').getByRole('button', { name: 'One less Nine-Pocket Binder' }).click();
    expect(await page.locator('.payment-row').getByLabel('Amount').inputValue()).to.equal('21.65'); // one payment follows the total: 20.00 + 8.25 % tax
    let dropped = false;
    await page.route('**/trpc/sales.create**', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the sale is made…
      await route.abort('connectionreset'); // …and its answer never arrives
    });
    await page.getByRole('button', { name: /Complete sale/ }).click();
    await page.getByText(/The sale was not confirmed/).waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('article', { name: /Receipt S-\d{6}/ }).waitFor();
    await page.unroute('**/trpc/sales.create**');
    expect(keys).to.have.length(3);
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).to.equal(keys[0]);
    expect(await stock(binder.id)).to.equal(0); // one sale, not two
    const sales = await api<{ total: number }>('sales.list', { itemId: binder.id }, true);
    expect(sales.total).to.equal(1);
  });

  it('a partial return and a void from the sales list put the units back in stock', async () => {
    const deck = await item('Theme Deck Overgrowth', 6, '15.00');
    const sold = await api<{ number: string; id: string }>('sales.create', {
      lines: [{ itemId: deck.id, quantity: 4 }],
      payments: [{ method: 'cash', amount: '64.95' }],
      customerName: 'Brock',
    });
    expect(await stock(deck.id)).to.equal(2);
    await page.goto(`${server.url}/sales`);
    await page.getByRole('link', { name: sold.number }).click();
    await page.getByRole('heading', { name: `Sale ${sold.number}` }).waitFor();
    await checkScreen(page, 'sale-detail');

    await page.getByRole('button', { name: 'Return items' }).click();
    const returning = page.getByRole('dialog', { name: `Return items of ${sold.number}` });
    const units = returning.getByLabel('Units of Theme Deck Overgrowth');
    await units.fill('5');
    await returning.getByRole('button', { name: /^Return/ }).click();
    await returning.getByText('At most 4 can be returned.').waitFor();
    await units.fill('1');
    await returning.getByText('Default: $15.00').waitFor();
    await returning.getByLabel('Refund (before tax)').fill('20.00');
    await returning.getByRole('button', { name: /^Return/ }).click();
    await returning.getByText(/^Must not exceed|at most/i).first().waitFor(); // the server's word, on the refund field
    await checkScreen(page, 'sale-return');
    await returning.getByLabel('Refund (before tax)').fill('');
    await returning.getByRole('button', { name: /^Return/ }).click();
    await page.getByText('1 unit returned, $15.00 refunded and back in stock.').waitFor();
    expect(await stock(deck.id)).to.equal(3);
    await page.getByRole('table', { name: 'Returns' }).or(page.getByRole('region', { name: 'Returns' })).getByText('$15.00').first().waitFor();

    await page.getByRole('button', { name: 'Void sale' }).click();
    const voiding = page.getByRole('dialog', { name: `Void sale ${sold.number}?` });
    await voiding.getByRole('button', { name: 'Void the sale' }).click();
    await voiding.getByText('Must not be empty.').waitFor();
    await voiding.getByLabel('Reason').fill('Rang up on the wrong till');
    await checkScreen(page, 'sale-void');
    await voiding.getByRole('button', { name: 'Void the sale' }).click();
    await page.getByText(`Sale ${sold.number} is voided; its units are back in stock.`).waitFor();
    await page.getByText('Rang up on the wrong till').waitFor();
    expect(await stock(deck.id)).to.equal(6);
    expect(await page.getByRole('button', { name: 'Void sale' }).count()).to.equal(0);

    await page.goto(`${server.url}/sales?status=voided`);
    await page.getByRole('row', { name: new RegExp(sold.number) }).getByText('Voided').waitFor();
  });

  it('a phone (360 px wide): scan, pay cash with change, receipt; the sales screens fit', async () => {
    // A convention booth besides the shop: the till asks which store it sells from.
    const booth = await api<{ id: string }>('stores.create', { name: 'Booth 12', type: 'popup' });
    const dice = await api<{ sku: string }>('items.create', { name: 'Dice Set Obsidian', sku: unique('DICE'), quantity: 3, price: '7.50', storeId: booth.id });
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(`${server.url}/pos`);
      await scanBox(page).focus();
      await scan(page, dice.sku);
      await page.getByText(`Nothing in this store matches “${dice.sku}”.`).waitFor();
      await page.getByLabel('Store').selectOption({ label: 'Booth 12' });
      await scanBox(page).focus();
      await page.getByRole('button', { name: '+ Cash' }).click(); // paying first: the amount follows the cart
      await scanBox(page).focus();
      await scan(page, dice.sku);
      await scan(page, dice.sku);
      await page.getByTestId('cart-total').getByText('$16.24').waitFor();
      expect(await page.locator('.payment-row').getByLabel('Amount').inputValue()).to.equal('16.24');
      await page.locator('.payment-row').getByLabel('Cash tendered').fill('20');
      await page.getByTestId('change-due').getByText('$3.76').waitFor(); // 15.00 + 1.24 tax = 16.24
      await expectFits(page, 'point of sale');
      await checkScreen(page, 'phone-pos');
      await page.getByRole('button', { name: /Complete sale/ }).click();
      await page.getByText('Give $3.76 in change.').waitFor();
      await expectFits(page, 'receipt');
      await checkScreen(page, 'phone-pos-receipt');
      await page.goto(`${server.url}/sales`);
      await page.getByRole('table').waitFor();
      await expectFits(page, 'sales list');
      await checkScreen(page, 'phone-sales');
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('heading', { name: /^Sale S-/ }).waitFor();
      await expectFits(page, 'sale page');
      await checkScreen(page, 'phone-sale');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});
