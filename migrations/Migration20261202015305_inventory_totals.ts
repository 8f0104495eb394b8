import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015305_inventory_totals extends Migration {

  override name = 'Migration20261202015305_inventory_totals';

  override up(): void | Promise<void> {
    this.addSql(`create table "inventory_totals" ("vendor_id" uuid not null, "store_id" uuid not null, "category" text not null, "shard" smallint not null, "sku_count" bigint not null default '0', "units" bigint not null default '0', "value_at_cost" numeric not null default 0, "value_at_market" numeric not null default 0, "value_at_projected" numeric not null default 0, "low_stock_count" bigint not null default '0', "out_of_stock_count" bigint not null default '0', primary key ("vendor_id", "store_id", "category", "shard"));`);

    this.addSql(`create or replace function "items_inventory_totals_insert_fn"() returns trigger as \$\$ begin
  perform pg_advisory_xact_lock_shared(hashtextextended('inventory_totals:' || w.vendor_id::text, 0)) from (select distinct vendor_id from new_rows) w order by w.vendor_id;   insert into inventory_totals as t (vendor_id, store_id, category, shard, sku_count, units, value_at_cost, value_at_market, value_at_projected, low_stock_count, out_of_stock_count)
  select * from (select d.vendor_id, d.store_id, d.category, d.shard, coalesce(sum(d.sign), 0) as sku_count, coalesce(sum(d.sign * d.quantity), 0) as units, coalesce(sum(d.sign * d.quantity * d.intake_price), 0) as value_at_cost, coalesce(sum(d.sign * d.quantity * d.price), 0) as value_at_market, coalesce(sum(d.sign * d.quantity * d.projected_price), 0) as value_at_projected, coalesce(sum(d.sign) filter (where d.quantity > 0 and d.quantity <= v.low_stock_threshold), 0) as low_stock_count, coalesce(sum(d.sign) filter (where d.quantity = 0), 0) as out_of_stock_count
    from (select 1 as sign, r.vendor_id, r.store_id, r.category, (get_byte(uuid_send(r.id), 15) % 8) as shard, r.quantity, r.intake_price, r.price, r.projected_price from new_rows r where r.status = 'active') d join vendors v on v.id = d.vendor_id
    group by d.vendor_id, d.store_id, d.category, d.shard) g
  where (g.sku_count, g.units, g.value_at_cost, g.value_at_market, g.value_at_projected, g.low_stock_count, g.out_of_stock_count) <> (0, 0, 0, 0, 0, 0, 0)
  order by g.vendor_id, g.store_id, g.category, g.shard
  on conflict (vendor_id, store_id, category, shard) do update set sku_count = t.sku_count + excluded.sku_count, units = t.units + excluded.units, value_at_cost = t.value_at_cost + excluded.value_at_cost, value_at_market = t.value_at_market + excluded.value_at_market, value_at_projected = t.value_at_projected + excluded.value_at_projected, low_stock_count = t.low_stock_count + excluded.low_stock_count, out_of_stock_count = t.out_of_stock_count + excluded.out_of_stock_count;   return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "inventory_totals_insert" after insert on "items" referencing new table as new_rows for each statement execute function "items_inventory_totals_insert_fn"();`);
    this.addSql(`create or replace function "items_inventory_totals_update_fn"() returns trigger as \$\$ begin
  perform pg_advisory_xact_lock_shared(hashtextextended('inventory_totals:' || w.vendor_id::text, 0)) from (select distinct vendor_id from old_rows union select distinct vendor_id from new_rows) w order by w.vendor_id;   insert into inventory_totals as t (vendor_id, store_id, category, shard, sku_count, units, value_at_cost, value_at_market, value_at_projected, low_stock_count, out_of_stock_count)
  select * from (select d.vendor_id, d.store_id, d.category, d.shard, coalesce(sum(d.sign), 0) as sku_count, coalesce(sum(d.sign * d.quantity), 0) as units, coalesce(sum(d.sign * d.quantity * d.intake_price), 0) as value_at_cost, coalesce(sum(d.sign * d.quantity * d.price), 0) as value_at_market, coalesce(sum(d.sign * d.quantity * d.projected_price), 0) as value_at_projected, coalesce(sum(d.sign) filter (where d.quantity > 0 and d.quantity <= v.low_stock_threshold), 0) as low_stock_count, coalesce(sum(d.sign) filter (where d.quantity = 0), 0) as out_of_stock_count
    from (select -1 as sign, r.vendor_id, r.store_id, r.category, (get_byte(uuid_send(r.id), 15) % 8) as shard, r.quantity, r.intake_price, r.price, r.projected_price from old_rows r where r.status = 'active' union all select 1 as sign, r.vendor_id, r.store_id, r.category, (get_byte(uuid_send(r.id), 15) % 8) as shard, r.quantity, r.intake_price, r.price, r.projected_price from new_rows r where r.status = 'active') d join vendors v on v.id = d.vendor_id
    group by d.vendor_id, d.store_id, d.category, d.shard) g
  where (g.sku_count, g.units, g.value_at_cost, g.value_at_market, g.value_at_projected, g.low_stock_count, g.out_of_stock_count) <> (0, 0, 0, 0, 0, 0, 0)
  order by g.vendor_id, g.store_id, g.category, g.shard
  on conflict (vendor_id, store_id, category, shard) do update set sku_count = t.sku_count + excluded.sku_count, units = t.units + excluded.units, value_at_cost = t.value_at_cost + excluded.value_at_cost, value_at_market = t.value_at_market + excluded.value_at_market, value_at_projected = t.value_at_projected + excluded.value_at_projected, low_stock_count = t.low_stock_count + excluded.low_stock_count, out_of_stock_count = t.out_of_stock_count + excluded.out_of_stock_count;   return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "inventory_totals_update" after update on "items" referencing old table as old_rows new table as new_rows for each statement execute function "items_inventory_totals_update_fn"();`);
    this.addSql(`create or replace function "items_inventory_totals_delete_fn"() returns trigger as \$\$ begin
  perform pg_advisory_xact_lock_shared(hashtextextended('inventory_totals:' || w.vendor_id::text, 0)) from (select distinct vendor_id from old_rows) w order by w.vendor_id;   insert into inventory_totals as t (vendor_id, store_id, category, shard, sku_count, units, value_at_cost, value_at_market, value_at_projected, low_stock_count, out_of_stock_count)
  select * from (select d.vendor_id, d.store_id, d.category, d.shard, coalesce(sum(d.sign), 0) as sku_count, coalesce(sum(d.sign * d.quantity), 0) as units, coalesce(sum(d.sign * d.quantity * d.intake_price), 0) as value_at_cost, coalesce(sum(d.sign * d.quantity * d.price), 0) as value_at_market, coalesce(sum(d.sign * d.quantity * d.projected_price), 0) as value_at_projected, coalesce(sum(d.sign) filter (where d.quantity > 0 and d.quantity <= v.low_stock_threshold), 0) as low_stock_count, coalesce(sum(d.sign) filter (where d.quantity = 0), 0) as out_of_stock_count
    from (select -1 as sign, r.vendor_id, r.store_id, r.category, (get_byte(uuid_send(r.id), 15) % 8) as shard, r.quantity, r.intake_price, r.price, r.projected_price from old_rows r where r.status = 'active') d join vendors v on v.id = d.vendor_id
    group by d.vendor_id, d.store_id, d.category, d.shard) g
  where (g.sku_count, g.units, g.value_at_cost, g.value_at_market, g.value_at_projected, g.low_stock_count, g.out_of_stock_count) <> (0, 0, 0, 0, 0, 0, 0)
  order by g.vendor_id, g.store_id, g.category, g.shard
  on conflict (vendor_id, store_id, category, shard) do update set sku_count = t.sku_count + excluded.sku_count, units = t.units + excluded.units, value_at_cost = t.value_at_cost + excluded.value_at_cost, value_at_market = t.value_at_market + excluded.value_at_market, value_at_projected = t.value_at_projected + excluded.value_at_projected, low_stock_count = t.low_stock_count + excluded.low_stock_count, out_of_stock_count = t.out_of_stock_count + excluded.out_of_stock_count;   return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "inventory_totals_delete" after delete on "items" referencing old table as old_rows for each statement execute function "items_inventory_totals_delete_fn"();`);

    this.addSql(`alter table "inventory_totals" add constraint "inventory_totals_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "inventory_totals" add constraint "inventory_totals_store_id_foreign" foreign key ("store_id") references "stores" ("id") on delete cascade;`);
    this.addSql(`alter table "inventory_totals" add constraint "inventory_totals_category_check" check ("category" in ('trading_card', 'sports_card', 'video_game', 'console', 'comic', 'toy', 'apparel', 'sealed_product', 'accessory', 'other'));`);

    // By hand: the totals of the items that exist already (the triggers keep them from here on).
    this.addSql(`insert into "inventory_totals" ("vendor_id", "store_id", "category", "shard", "sku_count", "units", "value_at_cost", "value_at_market", "value_at_projected", "low_stock_count", "out_of_stock_count")
      select i.vendor_id, i.store_id, i.category, get_byte(uuid_send(i.id), 15) % 8, count(*), sum(i.quantity), sum(i.quantity * i.intake_price), sum(i.quantity * i.price), sum(i.quantity * i.projected_price),
        count(*) filter (where i.quantity > 0 and i.quantity <= v.low_stock_threshold), count(*) filter (where i.quantity = 0)
      from "items" i join "vendors" v on v.id = i.vendor_id where i.status = 'active' group by 1, 2, 3, 4;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "inventory_totals_insert" on "items";`);
    this.addSql(`drop function if exists "items_inventory_totals_insert_fn"();`);
    this.addSql(`drop trigger if exists "inventory_totals_update" on "items";`);
    this.addSql(`drop function if exists "items_inventory_totals_update_fn"();`);
    this.addSql(`drop trigger if exists "inventory_totals_delete" on "items";`);
    this.addSql(`drop function if exists "items_inventory_totals_delete_fn"();`);

    this.addSql(`drop table if exists "inventory_totals" cascade;`);
  }

}
