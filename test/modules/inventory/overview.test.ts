import { expect } from 'chai';
import { MAX_STOCK } from '../../../src/modules/inventory/contract.js';
import { Item } from '../../../src/modules/inventory/entities.js';
import { app } from '../../support/app.js';
import { signUp } from '../../support/fixtures.js';
import { createItem } from '../../support/items.js';
import { defaultStoreId } from '../../support/members.js';

describe('inventory.overview', () => {
  it('answers zeros for an empty vendor', async () => {
    const shop = await signUp();
    expect(await shop.caller.inventory.overview()).to.deep.equal({
      totalSkus: 0, totalUnits: 0, valueAtCost: '0.00', valueAtMarket: '0.00', valueAtProjected: '0.00', potentialProfit: '0.00',
      lowStockCount: 0, outOfStockCount: 0, byStore: [], byCategory: [],
    });
  });

  it('matches hand-computed totals, per store and per category, over active items only', async () => {
    const shop = await signUp();
    const other = await signUp();
    await createItem(other, { quantity: 100, price: '1.00' });
    await shop.caller.vendors.update({ lowStockThreshold: 3 });
    const mainId = await defaultStoreId(shop.vendor.id);
    const popup = await shop.caller.stores.create({ name: 'Popup' });
    // cost / market / projected per unit, times quantity:
    await createItem(shop, { category: 'trading_card', quantity: 2, intakePrice: '10.10', price: '15.55', projectedPrice: '20.00' }); // 20.20 / 31.10 / 40.00
    await createItem(shop, { category: 'trading_card', quantity: 10, intakePrice: '0.33', price: '0.50', projectedPrice: '0.75' }); // 3.30 / 5.00 / 7.50
    await createItem(shop, { category: 'video_game', quantity: 0, intakePrice: '30.00', price: '45.00', projectedPrice: '50.00', storeId: popup.id }); // 0
    await createItem(shop, { category: 'video_game', quantity: 3, intakePrice: '9999999999.99', price: '9999999999.99', projectedPrice: '9999999999.99', storeId: popup.id }); // 29999999999.97 each
    const archived = await createItem(shop, { category: 'apparel', quantity: 7, intakePrice: '5.00', price: '5.00' });
    await shop.caller.items.archive({ id: archived.id });

    const overview = await shop.caller.inventory.overview();
    expect(overview).to.deep.include({
      totalSkus: 4,
      totalUnits: 15,
      valueAtCost: '30000000023.47',
      valueAtMarket: '30000000036.07',
      valueAtProjected: '30000000047.47',
      potentialProfit: '24.00',
      lowStockCount: 2,
      outOfStockCount: 1,
    });
    expect(overview.byStore).to.deep.equal([
      { storeId: mainId, name: 'Main store', totalSkus: 2, totalUnits: 12, valueAtCost: '23.50', valueAtMarket: '36.10' },
      { storeId: popup.id, name: 'Popup', totalSkus: 2, totalUnits: 3, valueAtCost: '29999999999.97', valueAtMarket: '29999999999.97' },
    ]);
    expect(overview.byCategory).to.deep.equal([
      { category: 'trading_card', totalSkus: 2, totalUnits: 12, valueAtCost: '23.50', valueAtMarket: '36.10' },
      { category: 'video_game', totalSkus: 2, totalUnits: 3, valueAtCost: '29999999999.97', valueAtMarket: '29999999999.97' },
    ]);
  });

  it('sums the largest stock at the highest price exactly (no numeric overflow)', async () => {
    const shop = await signUp();
    const item = await createItem(shop, { quantity: 1, intakePrice: '9999999999.99', price: '9999999999.99', projectedPrice: '9999999999.99' });
    await createItem(shop, { quantity: 1, price: '0.01' });
    await app().orm.em.fork().nativeUpdate(Item, { id: item.id }, { quantity: MAX_STOCK });
    const overview = await shop.caller.inventory.overview();
    expect(overview).to.deep.include({ totalUnits: MAX_STOCK + 1, valueAtCost: '9999999999990000000.00', valueAtMarket: '9999999999990000000.01' });
  });
});
