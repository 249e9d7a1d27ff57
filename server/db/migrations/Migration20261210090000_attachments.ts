import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments of suggestions (issue 21: answer letters, scanned forms). The description (`attachment`, a served
 * model: listed, read and audited like any) and the bytes (`attachment_content`, one row per attachment, read
 * only by the download route) lie apart, so no list, export or audit entry ever carries a file. A download is
 * recorded by `crc_audit_download`, which takes what it records from the row itself (name, digest, suggestion),
 * under the live session's user, as the other notes are.
 */
export class Migration20261210090000_attachments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attachment" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "suggestion_id" bigint not null, "handling_id" bigint null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "uploaded_by" varchar(120) not null);`);
    this.addSql(`create index "attachment_suggestion_id_list_idx" on "attachment" ("suggestion_id", "created_at" desc, "id") where "deleted_at" is null;`);
    this.addSql(`create index "attachment_handling_id_list_idx" on "attachment" ("handling_id", "created_at" desc, "id") where "deleted_at" is null;`);
    this.addSql(`create index "attachment_default_sort_idx" on "attachment" ("created_at" desc, "id") where "deleted_at" is null;`);
    this.addSql(`alter table "attachment" add constraint "attachment_suggestion_id_foreign" foreign key ("suggestion_id") references "suggestion" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "attachment" add constraint "attachment_handling_id_foreign" foreign key ("handling_id") references "suggestion_handling" ("id") on update no action on delete no action;`);
    // The bytes: written with their description, never changed (a new file is a new attachment); a purged description takes them along.
    this.addSql(`create table "attachment_content" ("attachment_id" bigint primary key references "attachment" ("id") on delete cascade, "bytes" bytea not null);`);
    this.addSql(`alter table "attachment_content" alter column "bytes" set storage external;`);
    this.addSql(`revoke update on "attachment_content" from crc_app;`);
    this.addSql(`create function crc_audit_download(attachment_id bigint) returns void language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      found_row attachment%rowtype;
    begin
      select * into found_row from attachment where id = attachment_id;
      if not found then
        raise exception 'crc: no attachment %', attachment_id using errcode = 'CA003';
      end if;
      perform crc_audit_append(nullif(current_setting('crc.actor', true), '')::jsonb, 'Attachment', found_row.id::text, 'DOWNLOAD',
        jsonb_build_object('fileName', found_row.file_name, 'contentType', found_row.content_type, 'size', found_row.size, 'sha256', found_row.sha256, 'suggestion', found_row.suggestion_id::text, 'handling', found_row.handling_id::text));
    end $$;`);
    this.addSql(`revoke all on function crc_audit_download(bigint) from public;`);
    this.addSql(`grant execute on function crc_audit_download(bigint) to crc_app;`);
    this.addSql(`select crc_track_counts('attachment');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists crc_audit_download(bigint);`);
    this.addSql(`drop table if exists "attachment_content" cascade;`);
    this.addSql(`drop table if exists "attachment" cascade;`);
  }

}
