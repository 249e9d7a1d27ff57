import { Migration } from '@mikro-orm/migrations';

/**
 * Deadline notices (issue 21; schema/entities/deadline-notice.entity.ts): a handling due within 7 days or
 * overdue, once per handling, kind and due date; and the day each daily scan ran (`deadline_scan`), one row
 * per day inserted by the first process to scan it, so several server processes scan each day once.
 */
export class Migration20261210100000_deadline_notices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "deadline_notice" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "handling_id" bigint not null, "kind" text check ("kind" in ('DUE_SOON', 'OVERDUE')) not null, "due_on" date not null, "noticed_on" date not null, "closed_on" date null);`);
    this.addSql(`create index "deadline_notice_handling_id_list_idx" on "deadline_notice" ("handling_id", "due_on", "id") where "deleted_at" is null;`);
    this.addSql(`create index "deadline_notice_default_sort_idx" on "deadline_notice" ("due_on", "id") where "deleted_at" is null;`);
    this.addSql(`create unique index "deadline_notice_handling_id_kind_due_on_unique" on "deadline_notice" ("handling_id", "kind", "due_on") where "deleted_at" is null;`);
    this.addSql(`alter table "deadline_notice" add constraint "deadline_notice_handling_id_foreign" foreign key ("handling_id") references "suggestion_handling" ("id") on update no action on delete no action;`);
    // Not a model: the scan's own bookkeeping, never served.
    this.addSql(`create table "deadline_scan" ("day" date primary key, "scanned_at" timestamptz not null default now(), "notices" int not null default 0);`);
    this.addSql(`select crc_track_counts('deadline_notice');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "deadline_scan" cascade;`);
    this.addSql(`drop table if exists "deadline_notice" cascade;`);
  }

}
