import { Migration } from '@mikro-orm/migrations';

export class Migration20261201215807_audit_events_append_only_ledgers extends Migration {

  override name = 'Migration20261201215807_audit_events_append_only_ledgers';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "audit_events_append_only_fn"() returns trigger as \$\$ begin raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "audit_events" for each ROW execute function "audit_events_append_only_fn"();`);

    this.addSql(`create or replace function "stock_movements_append_only_fn"() returns trigger as \$\$ begin if tg_op = 'DELETE' and current_setting('omni.ledger_purge', true) = 'on' then return old; end if; raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "stock_movements" for each ROW execute function "stock_movements_append_only_fn"();`);

    this.addSql(`create or replace function "price_changes_append_only_fn"() returns trigger as \$\$ begin if tg_op = 'DELETE' and current_setting('omni.ledger_purge', true) = 'on' then return old; end if; raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "price_changes" for each ROW execute function "price_changes_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "append_only" on "audit_events";`);
    this.addSql(`drop function if exists "audit_events_append_only_fn"();`);

    this.addSql(`drop trigger if exists "append_only" on "price_changes";`);
    this.addSql(`drop function if exists "price_changes_append_only_fn"();`);

    this.addSql(`drop trigger if exists "append_only" on "stock_movements";`);
    this.addSql(`drop function if exists "stock_movements_append_only_fn"();`);
  }

}
