import { Migration } from '@mikro-orm/migrations';

/**
 * The three ledgers are append-only in the database itself: UPDATE and DELETE of audit events,
 * stock movements and price changes raise an error, whatever the client. The one exception is
 * the documented item purge (src/modules/inventory/services/item-status.ts, purgeItems), which
 * sets omni.ledger_purge for its own statement to delete a never-sold item with its history;
 * audit events are never deleted.
 */
export class Migration20261201214249_append_only_ledgers extends Migration {

  override name = 'Migration20261201214249_append_only_ledgers';

  override up(): void | Promise<void> {
    this.addSql(`create function append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and tg_table_name <> 'audit_events' and current_setting('omni.ledger_purge', true) = 'on' then
          return old;
        end if;
        raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation';
      end $$;`);
    for (const table of ['audit_events', 'stock_movements', 'price_changes']) {
      this.addSql(`create trigger "${table}_append_only" before update or delete on "${table}" for each row execute function append_only();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['audit_events', 'stock_movements', 'price_changes']) this.addSql(`drop trigger "${table}_append_only" on "${table}";`);
    this.addSql('drop function append_only();');
  }

}
