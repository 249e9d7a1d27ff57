import { Migration } from '@mikro-orm/migrations';

/** Saved comparisons and charts (schema/entities/dashboard.entity.ts). */
export class Migration20261123020256_dashboard extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dashboard" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "name" varchar(100) not null, "kind" text check ("kind" in ('COMPARISON', 'CHART')) not null default 'COMPARISON', "description" text null, "settings" jsonb not null);`);
    this.addSql(`create index "dashboard_default_sort_idx" on "dashboard" ("updated_at" desc, "id") where "deleted_at" is null;`);
    this.addSql(`select crc_track_counts('dashboard');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dashboard" cascade;`);
  }

}
