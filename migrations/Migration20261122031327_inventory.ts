import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031327_inventory extends Migration {

  override name = 'Migration20261122031327_inventory';

  override up(): void | Promise<void> {
    // Added by hand: the generator cannot express extensions; the trigram GIN index on items.search_text needs it.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "items" ("id" uuid not null, "vendor_id" uuid not null, "store_id" uuid not null, "created_by_id" uuid null, "name" varchar(255) not null, "sku" varchar(64) not null, "description" text null, "category" text not null default 'other', "condition" varchar(100) null, "status" text not null default 'active', "image_url" varchar(2048) null, "quantity" int not null default 0, "intake_price" numeric(12,2) not null default '0.00', "price" numeric(12,2) not null default '0.00', "projected_price" numeric(12,2) not null default '0.00', "attributes" jsonb not null default '{}', "search_text" text not null default '', "version" int not null default 1, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "items_list_created_at_index" on "items" ("vendor_id", "status", "created_at", "id");`);
    this.addSql(`create index "items_list_updated_at_index" on "items" ("vendor_id", "status", "updated_at", "id");`);
    this.addSql(`create index "items_list_name_index" on "items" ("vendor_id", "status", "name", "id");`);
    this.addSql(`create index "items_list_sku_index" on "items" ("vendor_id", "status", "sku", "id");`);
    this.addSql(`create index "items_list_price_index" on "items" ("vendor_id", "status", "price", "id");`);
    this.addSql(`create index "items_list_quantity_index" on "items" ("vendor_id", "status", "quantity", "id");`);
    this.addSql(`create index "items_store_id_index" on "items" ("store_id");`);
    this.addSql(`create index "items_search_text_trgm_index" on "items" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create unique index "items_vendor_id_lower_sku_unique" on "items" ("vendor_id", lower("sku"));`);

    this.addSql(`create table "stock_movements" ("id" uuid not null, "item_id" uuid not null, "vendor_id" uuid not null, "store_id" uuid not null, "delta" int not null, "quantity_before" int not null, "quantity_after" int not null, "reason" text not null, "note" text null, "reference" varchar(100) null, "actor_id" uuid null, "created_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`create index "stock_movements_vendor_id_index" on "stock_movements" ("vendor_id");`);
    this.addSql(`create index "stock_movements_item_id_created_at_id_index" on "stock_movements" ("item_id", "created_at", "id");`);

    this.addSql(`create table "price_changes" ("id" uuid not null, "item_id" uuid not null, "field" text not null, "old_value" numeric(12,2) null, "new_value" numeric(12,2) not null, "actor_id" uuid null, "source" text not null default 'manual', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "price_changes_item_id_created_at_index" on "price_changes" ("item_id", "created_at");`);

    this.addSql(`create table "item_images" ("id" uuid not null, "item_id" uuid not null, "url" varchar(2048) not null, "position" smallint not null, "is_primary" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "item_images_item_id_index" on "item_images" ("item_id");`);

    this.addSql(`create table "card_details" ("id" uuid not null, "item_id" uuid not null, "game" varchar(100) null, "set_name" varchar(255) null, "set_code" varchar(50) null, "card_number" varchar(50) null, "rarity" varchar(100) null, "finish" text null, "language" varchar(50) null, "grading_company" text null, "grade" numeric(3,1) null, "cert_number" varchar(50) null, "external_ids" jsonb null, "last_estimated_at" timestamptz null, "release_date" date null, "print_run" int null, "market_region" varchar(50) null, "notes" text null, primary key ("id"));`);
    this.addSql(`alter table "card_details" add constraint "card_details_item_id_unique" unique ("item_id");`);

    this.addSql(`alter table "items" add constraint "items_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "items" add constraint "items_store_id_foreign" foreign key ("store_id") references "stores" ("id");`);
    this.addSql(`alter table "items" add constraint "items_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "items" add constraint "items_quantity_check" check (quantity >= 0);`);
    this.addSql(`alter table "items" add constraint "items_money_check" check (intake_price >= 0 and price >= 0 and projected_price >= 0);`);
    this.addSql(`alter table "items" add constraint "items_category_check" check ("category" in ('trading_card', 'sports_card', 'video_game', 'console', 'comic', 'toy', 'apparel', 'sealed_product', 'accessory', 'other'));`);
    this.addSql(`alter table "items" add constraint "items_status_check" check ("status" in ('active', 'archived'));`);

    this.addSql(`alter table "stock_movements" add constraint "stock_movements_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_store_id_foreign" foreign key ("store_id") references "stores" ("id");`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_reason_check" check ("reason" in ('intake', 'sale', 'return', 'adjustment', 'count', 'damage', 'transfer_in', 'transfer_out', 'import'));`);

    this.addSql(`alter table "price_changes" add constraint "price_changes_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);
    this.addSql(`alter table "price_changes" add constraint "price_changes_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "price_changes" add constraint "price_changes_field_check" check ("field" in ('intakePrice', 'price', 'projectedPrice'));`);
    this.addSql(`alter table "price_changes" add constraint "price_changes_source_check" check ("source" in ('manual', 'import'));`);

    this.addSql(`alter table "item_images" add constraint "item_images_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);

    this.addSql(`alter table "card_details" add constraint "card_details_item_id_foreign" foreign key ("item_id") references "items" ("id") on delete cascade;`);
    this.addSql(`alter table "card_details" add constraint "card_details_grade_check" check (grade >= 0 and grade <= 10);`);
    this.addSql(`alter table "card_details" add constraint "card_details_finish_check" check ("finish" in ('normal', 'holofoil', 'reverse_holofoil', 'first_edition', 'first_edition_holofoil', 'unlimited', 'full_art', 'other'));`);
    this.addSql(`alter table "card_details" add constraint "card_details_grading_company_check" check ("grading_company" in ('PSA', 'BGS', 'CGC', 'SGC', 'other'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "stock_movements" drop constraint "stock_movements_item_id_foreign";`);
    this.addSql(`alter table "price_changes" drop constraint "price_changes_item_id_foreign";`);
    this.addSql(`alter table "item_images" drop constraint "item_images_item_id_foreign";`);
    this.addSql(`alter table "card_details" drop constraint "card_details_item_id_foreign";`);

    this.addSql(`drop table if exists "items" cascade;`);
    this.addSql(`drop table if exists "stock_movements" cascade;`);
    this.addSql(`drop table if exists "price_changes" cascade;`);
    this.addSql(`drop table if exists "item_images" cascade;`);
    this.addSql(`drop table if exists "card_details" cascade;`);
  }

}
