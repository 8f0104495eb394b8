import { Migration } from '@mikro-orm/migrations';

export class Migration20261202125241_ledger_item_fk_deferred extends Migration {

  override name = 'Migration20261202125241_ledger_item_fk_deferred';

  override up(): void | Promise<void> {
    this.addSql(`alter table "stock_movements" drop constraint "stock_movements_item_id_foreign";`);

    this.addSql(`alter table "price_changes" drop constraint "price_changes_item_id_foreign";`);

    this.addSql(`alter table "stock_movements" add constraint "stock_movements_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade deferrable initially deferred;`);

    this.addSql(`alter table "price_changes" add constraint "price_changes_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade deferrable initially deferred;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "price_changes" drop constraint "price_changes_item_id_foreign";`);

    this.addSql(`alter table "stock_movements" drop constraint "stock_movements_item_id_foreign";`);

    this.addSql(`alter table "price_changes" add constraint "price_changes_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);

    this.addSql(`alter table "stock_movements" add constraint "stock_movements_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);
  }

}
