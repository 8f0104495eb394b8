import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030811_initial extends Migration {

  override name = 'Migration20261122030811_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) not null, "password_hash" varchar(100) not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "is_active" boolean not null default true, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "refresh_tokens" ("id" uuid not null, "user_id" uuid not null, "family" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "replaced_by" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "refresh_tokens_user_id_index" on "refresh_tokens" ("user_id");`);
    this.addSql(`create index "refresh_tokens_family_index" on "refresh_tokens" ("family");`);

    this.addSql(`create table "password_resets" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "password_resets_user_id_index" on "password_resets" ("user_id");`);
    this.addSql(`alter table "password_resets" add constraint "password_resets_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "user_profiles" ("id" uuid not null, "user_id" uuid not null, "phone" varchar(40) null, "bio" text null, "avatar_url" varchar(2048) null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user_profiles" add constraint "user_profiles_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "vendors" ("id" uuid not null, "name" varchar(255) not null, "slug" varchar(80) not null, "description" text null, "logo_url" varchar(2048) null, "currency" varchar(3) not null default 'USD', "low_stock_threshold" int not null default 5, "is_active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "vendors" add constraint "vendors_slug_unique" unique ("slug");`);

    this.addSql(`create table "stores" ("id" uuid not null, "vendor_id" uuid not null, "name" varchar(255) not null, "slug" varchar(80) not null, "type" text not null default 'retail', "address" text null, "is_default" boolean not null default false, "is_active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "stores" add constraint "stores_vendor_id_slug_unique" unique ("vendor_id", "slug");`);

    this.addSql(`create table "invitations" ("id" uuid not null, "vendor_id" uuid not null, "email" varchar(320) not null, "role" text not null, "token_hash" varchar(64) not null, "status" text not null default 'pending', "expires_at" timestamptz not null, "invited_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invitations_vendor_id_index" on "invitations" ("vendor_id");`);
    this.addSql(`create index "invitations_email_index" on "invitations" ("email");`);
    this.addSql(`alter table "invitations" add constraint "invitations_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "vendor_members" ("id" uuid not null, "vendor_id" uuid not null, "user_id" uuid not null, "role" text not null, "is_primary" boolean not null default false, "status" text not null default 'active', "invited_by_id" uuid null, "invited_at" timestamptz null, "responded_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "vendor_members_user_id_index" on "vendor_members" ("user_id");`);
    this.addSql(`alter table "vendor_members" add constraint "vendor_members_vendor_id_user_id_unique" unique ("vendor_id", "user_id");`);
    this.addSql(`create unique index "vendor_members_one_primary_per_user" on "vendor_members" ("user_id") where is_primary;`);

    this.addSql(`create table "store_access" ("id" uuid not null, "member_id" uuid not null, "store_id" uuid not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "store_access_store_id_index" on "store_access" ("store_id");`);
    this.addSql(`alter table "store_access" add constraint "store_access_member_id_store_id_unique" unique ("member_id", "store_id");`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "password_resets" add constraint "password_resets_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "user_profiles" add constraint "user_profiles_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "stores" add constraint "stores_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "stores" add constraint "stores_type_check" check ("type" in ('retail', 'online', 'popup', 'warehouse'));`);

    this.addSql(`alter table "invitations" add constraint "invitations_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "invitations" add constraint "invitations_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "invitations" add constraint "invitations_role_check" check ("role" in ('owner', 'admin', 'staff', 'viewer'));`);
    this.addSql(`alter table "invitations" add constraint "invitations_status_check" check ("status" in ('pending', 'accepted', 'declined', 'revoked'));`);

    this.addSql(`alter table "vendor_members" add constraint "vendor_members_vendor_id_foreign" foreign key ("vendor_id") references "vendors" ("id") on delete cascade;`);
    this.addSql(`alter table "vendor_members" add constraint "vendor_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "vendor_members" add constraint "vendor_members_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "vendor_members" add constraint "vendor_members_role_check" check ("role" in ('owner', 'admin', 'staff', 'viewer'));`);
    this.addSql(`alter table "vendor_members" add constraint "vendor_members_status_check" check ("status" in ('pending', 'active', 'declined', 'revoked'));`);

    this.addSql(`alter table "store_access" add constraint "store_access_member_id_foreign" foreign key ("member_id") references "vendor_members" ("id") on delete cascade;`);
    this.addSql(`alter table "store_access" add constraint "store_access_store_id_foreign" foreign key ("store_id") references "stores" ("id") on delete cascade;`);
    this.addSql(`alter table "store_access" add constraint "store_access_role_check" check ("role" in ('manager', 'sales', 'view_only'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_user_id_foreign";`);
    this.addSql(`alter table "password_resets" drop constraint "password_resets_user_id_foreign";`);
    this.addSql(`alter table "user_profiles" drop constraint "user_profiles_user_id_foreign";`);
    this.addSql(`alter table "invitations" drop constraint "invitations_invited_by_id_foreign";`);
    this.addSql(`alter table "vendor_members" drop constraint "vendor_members_user_id_foreign";`);
    this.addSql(`alter table "vendor_members" drop constraint "vendor_members_invited_by_id_foreign";`);
    this.addSql(`alter table "stores" drop constraint "stores_vendor_id_foreign";`);
    this.addSql(`alter table "invitations" drop constraint "invitations_vendor_id_foreign";`);
    this.addSql(`alter table "vendor_members" drop constraint "vendor_members_vendor_id_foreign";`);
    this.addSql(`alter table "store_access" drop constraint "store_access_store_id_foreign";`);
    this.addSql(`alter table "store_access" drop constraint "store_access_member_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "refresh_tokens" cascade;`);
    this.addSql(`drop table if exists "password_resets" cascade;`);
    this.addSql(`drop table if exists "user_profiles" cascade;`);
    this.addSql(`drop table if exists "vendors" cascade;`);
    this.addSql(`drop table if exists "stores" cascade;`);
    this.addSql(`drop table if exists "invitations" cascade;`);
    this.addSql(`drop table if exists "vendor_members" cascade;`);
    this.addSql(`drop table if exists "store_access" cascade;`);
  }

}
