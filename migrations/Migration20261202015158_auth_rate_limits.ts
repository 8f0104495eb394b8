import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015158_auth_rate_limits extends Migration {

  override name = 'Migration20261202015158_auth_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table "auth_rate_limits" ("key" text not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "auth_rate_limits" cascade;`);
  }

}
