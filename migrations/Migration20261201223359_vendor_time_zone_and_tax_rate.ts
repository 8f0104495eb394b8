import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223359_vendor_time_zone_and_tax_rate extends Migration {

  override name = 'Migration20261201223359_vendor_time_zone_and_tax_rate';

  override up(): void | Promise<void> {
    this.addSql(`alter table "vendors" add "time_zone" varchar(64) not null default 'UTC', add "tax_rate" numeric(6,3) not null default '0';`);
    this.addSql(`alter table "vendors" add constraint "vendors_tax_rate_check" check (tax_rate >= 0 and tax_rate <= 100);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "vendors" drop constraint "vendors_tax_rate_check";`);
    this.addSql(`alter table "vendors" drop column "time_zone", drop column "tax_rate";`);
  }

}
