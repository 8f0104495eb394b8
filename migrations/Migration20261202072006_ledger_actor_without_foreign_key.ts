import { Migration } from '@mikro-orm/migrations';

export class Migration20261202072006_ledger_actor_without_foreign_key extends Migration {

  override name = 'Migration20261202072006_ledger_actor_without_foreign_key';

  override up(): void | Promise<void> {
    this.addSql(`alter table "stock_movements" drop constraint "stock_movements_actor_id_foreign";`);

    this.addSql(`alter table "price_changes" drop constraint "price_changes_actor_id_foreign";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "price_changes" add constraint "price_changes_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "stock_movements" add constraint "stock_movements_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
  }

}
