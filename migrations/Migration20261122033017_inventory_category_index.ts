import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033017_inventory_category_index extends Migration {

  override name = 'Migration20261122033017_inventory_category_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "items_list_category_price_index" on "items" ("vendor_id", "status", "category", "price", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "items_list_category_price_index";`);
  }

}
