import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015340_imports extends Migration {

  override name = 'Migration20261202015340_imports';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_jobs" ("id" uuid not null, "vendor_id" uuid not null, "created_by_id" uuid null, "file_name" varchar(255) not null, "preset" text not null, "mapping" jsonb null, "mode" text not null, "partial" boolean not null default false, "status" text not null default 'queued', "phase" text null, "csv" text null, "upload_path" varchar(255) null, "rows_total" int null, "rows_done" int not null default 0, "bytes_total" int null, "bytes_done" int not null default 0, "summary" jsonb null, "would_apply" boolean null, "errors" jsonb not null default '[]', "error_count" int not null default 0, "failure" text null, "created_at" timestamptz(3) not null, "started_at" timestamptz(3) null, "finished_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "import_jobs_vendor_id_created_at_id_index" on "import_jobs" ("vendor_id", "created_at", "id");`);

    this.addSql(`create table "import_errors" ("job_id" uuid not null, "position" int not null, "line" int not null, "column" varchar(200) null, "message" text not null, primary key ("job_id", "position"));`);

    this.addSql(`alter table "import_jobs" add constraint "import_jobs_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_preset_check" check ("preset" in ('native', 'tcgplayer', 'custom'));`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_mode_check" check ("mode" in ('dryRun', 'apply'));`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'));`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_phase_check" check ("phase" in ('reading', 'applying'));`);

    this.addSql(`alter table "import_errors" add constraint "import_errors_job_id_foreign" foreign key ("job_id") references "import_jobs" ("id") on delete cascade;`);
    // By hand: the schema of the per-job staging tables imports COPY their rows into before one
    // transaction applies them (src/modules/imports/services/staging.ts).
    this.addSql(`create schema if not exists "import_staging";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "import_errors" drop constraint "import_errors_job_id_foreign";`);

    this.addSql(`drop table if exists "import_jobs" cascade;`);
    this.addSql(`drop table if exists "import_errors" cascade;`);
    this.addSql(`drop schema if exists "import_staging" cascade;`);
  }

}
