import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015933_items_count_index extends Migration {

  override name = 'Migration20261202015933_items_count_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "items_count_index" on "items" ("vendor_id", "status", "category", "store_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "items_count_index";`);
  }

}
