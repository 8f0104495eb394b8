import { Migration } from '@mikro-orm/migrations';

export class Migration20261201224227_sales extends Migration {

  override name = 'Migration20261201224227_sales';

  override up(): void | Promise<void> {
    this.addSql(`create table "sale_counters" ("vendor_id" uuid not null, "last_number" int not null, primary key ("vendor_id"));`);

    this.addSql(`create table "sales" ("id" uuid not null, "vendor_id" uuid not null, "store_id" uuid not null, "number" int not null, "status" text not null default 'completed', "subtotal" numeric(12,2) not null, "discount" numeric(12,2) not null, "tax_rate" numeric(6,3) not null, "tax" numeric(12,2) not null, "total" numeric(12,2) not null, "customer_name" varchar(255) null, "customer_email" varchar(320) null, "note" text null, "idempotency_key" varchar(200) null, "request_hash" varchar(64) null, "created_by_id" uuid null, "created_at" timestamptz(3) not null, "voided_at" timestamptz(3) null, "voided_by_id" uuid null, "void_reason" text null, primary key ("id"));`);
    this.addSql(`create index "sales_vendor_id_created_at_id_index" on "sales" ("vendor_id", "created_at", "id");`);
    this.addSql(`create index "sales_store_id_created_at_index" on "sales" ("store_id", "created_at");`);
    this.addSql(`alter table "sales" add constraint "sales_vendor_id_number_unique" unique ("vendor_id", "number");`);
    this.addSql(`alter table "sales" add constraint "sales_vendor_id_idempotency_key_unique" unique ("vendor_id", "idempotency_key");`);

    this.addSql(`create table "sale_returns" ("id" uuid not null, "vendor_id" uuid not null, "sale_id" uuid not null, "restock" boolean not null, "refund" numeric(12,2) not null, "tax_refunded" numeric(12,2) not null, "reason" text null, "actor_id" uuid null, "created_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "sale_returns_vendor_id_created_at_index" on "sale_returns" ("vendor_id", "created_at");`);
    this.addSql(`create index "sale_returns_sale_id_index" on "sale_returns" ("sale_id");`);

    this.addSql(`create table "payments" ("id" uuid not null, "sale_id" uuid not null, "position" smallint not null, "method" text not null, "amount" numeric(12,2) not null, "tendered" numeric(12,2) null, primary key ("id"));`);
    this.addSql(`alter table "payments" add constraint "payments_sale_id_position_unique" unique ("sale_id", "position");`);

    this.addSql(`create table "sale_lines" ("id" uuid not null, "sale_id" uuid not null, "position" smallint not null, "item_id" uuid not null, "sku" varchar(64) not null, "name" varchar(255) not null, "quantity" int not null, "unit_price" numeric(12,2) not null, "unit_cost" numeric(12,2) not null, "discount" numeric(12,2) not null, "line_total" numeric(12,2) not null, "discount_share" numeric(12,2) not null, "tax_share" numeric(12,2) not null, "returned_quantity" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "sale_lines_item_id_index" on "sale_lines" ("item_id");`);
    this.addSql(`alter table "sale_lines" add constraint "sale_lines_sale_id_position_unique" unique ("sale_id", "position");`);

    this.addSql(`create table "sale_return_lines" ("id" uuid not null, "sale_return_id" uuid not null, "line_id" uuid not null, "quantity" int not null, "refund" numeric(12,2) not null, "tax_refunded" numeric(12,2) not null, primary key ("id"));`);
    this.addSql(`create index "sale_return_lines_sale_return_id_index" on "sale_return_lines" ("sale_return_id");`);
    this.addSql(`create index "sale_return_lines_line_id_index" on "sale_return_lines" ("line_id");`);

    this.addSql(`alter table "sale_counters" add constraint "sale_counters_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sales" add constraint "sales_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_store_id_foreign" foreign key ("store_id") references "stores" ("id");`);
    this.addSql(`alter table "sales" add constraint "sales_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "sales" add constraint "sales_voided_by_id_foreign" foreign key ("voided_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "sales" add constraint "sales_money_check" check (discount >= 0 and discount <= subtotal and tax >= 0 and total = subtotal - discount + tax);`);
    this.addSql(`alter table "sales" add constraint "sales_tax_rate_check" check (tax_rate >= 0 and tax_rate <= 100);`);
    this.addSql(`alter table "sales" add constraint "sales_status_check" check ("status" in ('completed', 'voided'));`);

    this.addSql(`alter table "sale_returns" add constraint "sale_returns_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "sale_returns" add constraint "sale_returns_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on delete cascade;`);
    this.addSql(`alter table "sale_returns" add constraint "sale_returns_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "sale_returns" add constraint "sale_returns_money_check" check (refund >= 0 and tax_refunded >= 0);`);

    this.addSql(`alter table "payments" add constraint "payments_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on delete cascade;`);
    this.addSql(`alter table "payments" add constraint "payments_money_check" check (amount >= 0 and (tendered is null or tendered >= amount));`);
    this.addSql(`alter table "payments" add constraint "payments_method_check" check ("method" in ('cash', 'card', 'trade', 'store_credit', 'other'));`);

    this.addSql(`alter table "sale_lines" add constraint "sale_lines_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on delete cascade;`);
    this.addSql(`alter table "sale_lines" add constraint "sale_lines_item_id_foreign" foreign key ("item_id") references "items" ("id");`);
    this.addSql(`alter table "sale_lines" add constraint "sale_lines_quantity_check" check (quantity > 0 and returned_quantity >= 0 and returned_quantity <= quantity);`);
    this.addSql(`alter table "sale_lines" add constraint "sale_lines_money_check" check (unit_price >= 0 and unit_cost >= 0 and discount >= 0 and line_total >= 0 and discount_share >= 0 and tax_share >= 0);`);

    this.addSql(`alter table "sale_return_lines" add constraint "sale_return_lines_sale_return_id_foreign" foreign key ("sale_return_id") references "sale_returns" ("id") on delete cascade;`);
    this.addSql(`alter table "sale_return_lines" add constraint "sale_return_lines_line_id_foreign" foreign key ("line_id") references "sale_lines" ("id") on delete cascade;`);
    this.addSql(`alter table "sale_return_lines" add constraint "sale_return_lines_check" check (quantity > 0 and refund >= 0 and tax_refunded >= 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sale_returns" drop constraint "sale_returns_sale_id_foreign";`);
    this.addSql(`alter table "payments" drop constraint "payments_sale_id_foreign";`);
    this.addSql(`alter table "sale_lines" drop constraint "sale_lines_sale_id_foreign";`);
    this.addSql(`alter table "sale_return_lines" drop constraint "sale_return_lines_sale_return_id_foreign";`);
    this.addSql(`alter table "sale_return_lines" drop constraint "sale_return_lines_line_id_foreign";`);

    this.addSql(`drop table if exists "sale_counters" cascade;`);
    this.addSql(`drop table if exists "sales" cascade;`);
    this.addSql(`drop table if exists "sale_returns" cascade;`);
    this.addSql(`drop table if exists "payments" cascade;`);
    this.addSql(`drop table if exists "sale_lines" cascade;`);
    this.addSql(`drop table if exists "sale_return_lines" cascade;`);
  }

}
