import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in and the audit trail: users (schema/entities/user.entity.ts) and a person's registering region;
 * server-side sessions and sign-in failures; the append-only, hash-chained audit table with the functions
 * that write it. The triggers that call them are derived from the model at migrate time (server/audit/triggers.ts).
 */
export class Migration20261123041342_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "app_user" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "username" varchar(50) not null, "display_name" varchar(50) not null, "role" text check ("role" in ('ADMIN', 'CLERK', 'LEADER', 'ANALYST')) not null, "region_id" bigint null, "active" boolean not null default true, "last_sign_in_at" timestamptz null, "password_changed_at" timestamptz null, "password_hash" text not null default '!');`);
    this.addSql(`create index "app_user_region_id_list_idx" on "app_user" ("region_id", "username", "id") where "deleted_at" is null;`);
    this.addSql(`create index "app_user_default_sort_idx" on "app_user" ("username", "id") where "deleted_at" is null;`);
    this.addSql(`create unique index "app_user_username_unique" on "app_user" ("username") where "deleted_at" is null;`);

    this.addSql(`alter table "app_user" add constraint "app_user_region_id_foreign" foreign key ("region_id") references "region" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "person" add column "region_id" bigint null;`);
    this.addSql(`alter table "person" add constraint "person_region_id_foreign" foreign key ("region_id") references "region" ("id") on update no action on delete no action;`);
    this.addSql(`create index "person_region_id_list_idx" on "person" ("region_id", "name", "id") where "deleted_at" is null;`);
    this.addSql(`select crc_track_counts('app_user');`);

    // Sessions: the cookie carries a random token; only its SHA-256 is stored, so a copy of the table signs no one in.
    this.addSql(`create table "user_session" ("id" text primary key, "user_id" bigint not null references "app_user" ("id"), "created_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "expires_at" timestamptz not null, "ip" text null, "user_agent" varchar(300) null);`);
    this.addSql(`create index "user_session_user_idx" on "user_session" ("user_id");`);
    // Failed sign-ins per (username, IP): ten lock that pair for a while, never the account for everyone.
    this.addSql(`create table "sign_in_failure" ("username" text not null, "ip" text not null, "failures" int not null default 0, "first_failed_at" timestamptz not null default now(), "locked_until" timestamptz null, primary key ("username", "ip"));`);

    this.addSql(`create table "audit_entry" ("id" bigint primary key, "at" timestamptz not null, "actor_id" bigint null, "actor_name" text not null, "actor_role" text null, "request_id" text null, "entity" text not null, "record_id" text null, "operation" text not null, "changes" jsonb not null, "prev_hash" text not null, "hash" text not null);`);
    this.addSql(`create sequence "audit_entry_id_seq" owned by "audit_entry"."id";`);
    this.addSql(`create index "audit_entry_record_idx" on "audit_entry" ("entity", "record_id", "id");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_name", "id");`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at");`);
    // Append-only for the application: it reads the trail; only the owner's functions below write it.
    this.addSql(`revoke insert, update, delete, truncate, references, trigger on "audit_entry" from crc_app;`);
    this.addSql(`grant select on "audit_entry" to crc_app;`);
    this.addSql(`revoke all on sequence "audit_entry_id_seq" from crc_app;`);

    // The text an entry's hash covers; audit:verify recomputes it (server/audit/verify.ts) from the same fields.
    this.addSql(`create function crc_audit_text(prev text, id bigint, at timestamptz, actor_id bigint, actor_name text, actor_role text, request_id text, entity text, record_id text, operation text, changes jsonb) returns text language sql stable as $$
      select concat_ws(E'\\x1f', prev, id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(actor_id::text, ''), actor_name, coalesce(actor_role, ''), coalesce(request_id, ''), entity, coalesce(record_id, ''), operation, changes::text)
    $$;`);
    // Appends one entry chained to the last: the advisory lock, held to commit, makes writers append one
    // transaction at a time, so each entry's predecessor is the last committed one.
    this.addSql(`create function crc_audit_append(actor jsonb, entity text, record_id text, operation text, changes jsonb) returns void language plpgsql security definer set search_path = public as $$
    declare
      prev text;
      next_id bigint;
      stamp timestamptz := clock_timestamp();
    begin
      if actor is null or coalesce(actor->>'name', '') = '' then
        raise exception 'crc: a write to % without an actor (set crc.actor for the transaction)', entity using errcode = 'CA001';
      end if;
      perform pg_advisory_xact_lock(7402811);
      select a.hash into prev from audit_entry a order by a.id desc limit 1;
      prev := coalesce(prev, repeat('0', 64));
      next_id := nextval('audit_entry_id_seq');
      insert into audit_entry values (next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes, prev,
        encode(sha256(convert_to(crc_audit_text(prev, next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes), 'UTF8')), 'hex'));
    end $$;`);
    this.addSql(`revoke all on function crc_audit_append(jsonb, text, text, text, jsonb) from public;`);
    // The statement-level trigger of every audited table: one entry per changed row, each changed field's
    // before and after under its API name (arguments: entity, column→field names, redacted columns, id column).
    this.addSql(`create function crc_audit_rows() returns trigger language plpgsql security definer set search_path = public as $$
    declare
      actor jsonb := nullif(current_setting('crc.actor', true), '')::jsonb;
      entity text := tg_argv[0];
      names jsonb := tg_argv[1]::jsonb;
      secret text[] := tg_argv[2]::text[];
      key_column text := tg_argv[3];
      r record;
      op text;
      changes jsonb;
    begin
      if tg_op = 'INSERT' then
        for r in select to_jsonb(n) as after from new_rows n loop
          select coalesce(jsonb_object_agg(coalesce(names->>a.key, a.key), jsonb_build_object('before', null, 'after', case when a.key = any(secret) then '"***"'::jsonb else a.value end)), '{}') into changes
            from jsonb_each(r.after) a where a.key not in ('id', 'version', 'created_at', 'updated_at') and a.value <> 'null'::jsonb;
          perform crc_audit_append(actor, entity, r.after->>key_column, 'CREATE', changes);
        end loop;
      elsif tg_op = 'UPDATE' then
        for r in select to_jsonb(o) as before, to_jsonb(n) as after from old_rows o join new_rows n on to_jsonb(n)->key_column = to_jsonb(o)->key_column loop
          op := case
            when r.before->>'deleted_at' is null and r.after->>'deleted_at' is not null then 'DELETE'
            when r.before->>'deleted_at' is not null and r.after->>'deleted_at' is null then 'RESTORE'
            else coalesce(nullif(current_setting('crc.operation', true), ''), 'UPDATE') end;
          select coalesce(jsonb_object_agg(coalesce(names->>a.key, a.key), case when a.key = any(secret) then '{"before": "***", "after": "***"}'::jsonb else jsonb_build_object('before', b.value, 'after', a.value) end), '{}') into changes
            from jsonb_each(r.after) a join jsonb_each(r.before) b on b.key = a.key
            where a.key not in ('version', 'updated_at') and a.value is distinct from b.value;
          perform crc_audit_append(actor, entity, r.after->>key_column, op, changes);
        end loop;
      else
        for r in select to_jsonb(o) as before from old_rows o loop
          select coalesce(jsonb_object_agg(coalesce(names->>b.key, b.key), jsonb_build_object('before', case when b.key = any(secret) then '"***"'::jsonb else b.value end, 'after', null)), '{}') into changes
            from jsonb_each(r.before) b where b.value <> 'null'::jsonb;
          perform crc_audit_append(actor, entity, r.before->>key_column, 'PURGE', changes);
        end loop;
      end if;
      return null;
    end $$;`);
    // A note in the trail that is not a row change: a bulk load, a reset (as the owner), an unmasked read.
    this.addSql(`create function crc_audit_note(entity text, operation text, changes jsonb) returns void language plpgsql security definer set search_path = public as $$
    begin
      if operation not in ('READ_PERSONAL', 'SIGN_IN', 'SIGN_OUT') and session_user <> 'crc_owner' then
        raise exception 'crc: only the owner records %', operation using errcode = 'CA002';
      end if;
      perform crc_audit_append(nullif(current_setting('crc.actor', true), '')::jsonb, entity, null, operation, changes);
    end $$;`);
    this.addSql(`revoke all on function crc_audit_note(text, text, jsonb) from public;`);
    this.addSql(`grant execute on function crc_audit_note(text, text, jsonb) to crc_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists crc_audit_note(text, text, jsonb);`);
    this.addSql(`drop function if exists crc_audit_rows() cascade;`);
    this.addSql(`drop function if exists crc_audit_append(jsonb, text, text, text, jsonb);`);
    this.addSql(`drop function if exists crc_audit_text(text, bigint, timestamptz, bigint, text, text, text, text, text, text, jsonb);`);
    this.addSql(`drop table if exists "audit_entry", "sign_in_failure", "user_session" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`alter table "person" drop constraint "person_region_id_foreign";`);

    this.addSql(`drop index "person_region_id_list_idx";`);
    this.addSql(`alter table "person" drop column "region_id";`);
  }

}
