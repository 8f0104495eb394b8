import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214239_audit_and_stock_limit extends Migration {

  override name = 'Migration20261201214239_audit_and_stock_limit';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_events" ("id" uuid not null, "vendor_id" uuid null, "actor_id" uuid null, "action" varchar(100) not null, "entity" varchar(50) not null, "entity_id" uuid null, "changes" jsonb not null, "request_id" varchar(100) not null, "ip" varchar(100) null, "user_agent" varchar(500) null, "created_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "audit_events_vendor_id_created_at_id_index" on "audit_events" ("vendor_id", "created_at", "id");`);
    this.addSql(`create index "audit_events_account_index" on "audit_events" ("entity_id", "created_at", "id") where "vendor_id" is null;`);

    this.addSql(`alter table "items" drop constraint "items_quantity_check";`);
    this.addSql(`alter table "items" add constraint "items_quantity_check" check (quantity >= 0 and quantity <= 1000000000);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`alter table "items" drop constraint "items_quantity_check";`);
    this.addSql(`alter table "items" add constraint "items_quantity_check" check (quantity >= 0);`);
  }

}
