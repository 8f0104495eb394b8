import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import type { RouterOutputs } from '../../src/router.js';

/** What the browser tests read and do on the app's screens, shared by their files. */

// Run inside the page by page.evaluate (the test program has no DOM types).
declare const window: { innerWidth: number };
declare const document: { documentElement: { scrollWidth: number }; activeElement: unknown };

const DAY = 86_400_000;
/** Midnight UTC `daysAgo` days ago (negative: days ahead). */
export const utcDay = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);

/** The value of a figure (a dashboard's or a report's `<dl>` entry) by its label. */
export function figure(scope: Page | Locator, label: string) {
  const page = 'page' in scope ? scope.page() : scope; // `has` is a locator from the page's root
  return scope.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('dd');
}

/** A money string as the page formats it (the browser's locale). */
export const shown = (page: Page, amount: string, currency = 'USD') =>
  page.evaluate(([amount, currency]) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount as unknown as number), [amount, currency] as const);

/** The reports screen shows every total of a sales report (the API's reports.sales answer). */
export async function expectReportTotals(page: Page, totals: RouterOutputs['reports']['sales']['totals']) {
  const amounts = [
    ['Revenue', totals.revenue], ['Gross profit', totals.grossProfit], ['Cost of goods', totals.costOfGoods],
    ['Discounts', totals.discounts], ['Returns', totals.returns], ['Tax', totals.tax], ['Average sale', totals.averageSale],
  ] as const;
  for (const [label, amount] of amounts) await figure(page, label).getByText(await shown(page, amount), { exact: true }).waitFor();
  await figure(page, 'Units sold').getByText(String(totals.units), { exact: true }).waitFor();
  await figure(page, 'Sales').getByText(String(totals.saleCount), { exact: true }).waitFor();
  const margin = await page.evaluate((ratio) => new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(ratio as unknown as number), totals.margin);
  await figure(page, 'Margin').getByText(margin, { exact: true }).waitFor();
}

/** Nothing is wider than the viewport (a phone's 360 px): no sideways scrolling. */
export async function expectFits(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} is wider than the viewport`).to.be.at.most(0);
}

/**
 * Sets fields (inputs or selects) in one task, before the page renders again, as a quick hand or
 * autofill may: a change computed from the last render's state would keep only one of them.
 */
export async function setAtOnce(page: Page, fields: [Locator, string][]) {
  const elements = await Promise.all(fields.map(([field]) => field.elementHandle()));
  await page.evaluate(
    ([elements, values]) => {
      elements.forEach((element, n) => {
        const field = element as unknown as { dispatchEvent(event: Event): boolean };
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')!.set!.call(field, values[n]);
        for (const type of ['input', 'change']) field.dispatchEvent(new Event(type, { bubbles: true }));
      });
    },
    [elements, fields.map(([, value]) => value)] as const,
  );
}

// The point of sale.
export const scanBox = (page: Page) => page.getByLabel('Scan or type a SKU or name');
/** What a barcode scanner does: the SKU's characters, then Enter. */
export async function scan(page: Page, sku: string) {
  await scanBox(page).pressSequentially(sku, { delay: 5 });
  await scanBox(page).press('Enter');
}
export const scanHasFocus = (page: Page) => scanBox(page).evaluate((element) => element === document.activeElement);
export const cartLine = (page: Page, name: string) => page.locator('.cart-line', { hasText: name });
export const paymentRow = (page: Page, n: number) => page.locator('.payment-row').nth(n);
