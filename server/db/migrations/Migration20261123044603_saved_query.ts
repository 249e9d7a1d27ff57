import { Migration } from '@mikro-orm/migrations';

/** Saved workbench queries (schema/entities/saved-query.entity.ts); the shipped examples are installed from code (server/workbench/examples.ts). */
export class Migration20261123044603_saved_query extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "saved_query" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "name" varchar(100) not null, "description" text null, "query" text not null, "variables" jsonb null, "owner_id" bigint null, "shared" boolean not null default false);`);
    this.addSql(`create index "saved_query_owner_id_list_idx" on "saved_query" ("owner_id", "name", "id") where "deleted_at" is null;`);
    this.addSql(`create index "saved_query_default_sort_idx" on "saved_query" ("name", "id") where "deleted_at" is null;`);

    this.addSql(`alter table "saved_query" add constraint "saved_query_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update no action on delete no action;`);
    this.addSql(`select crc_track_counts('saved_query');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saved_query" cascade;`);
  }

}
