import { Migration } from '@mikro-orm/migrations';

/**
 * A chain that cannot fork: the head of the audit chain (last id, last hash) is one row, read `for update`
 * by every append. At READ COMMITTED an append waits for the one before and chains to it; at REPEATABLE
 * READ or SERIALIZABLE, an append whose snapshot predates the head's last change fails (could not serialize)
 * instead of chaining to a stale head. Each entry also names its predecessor's id, unique: two entries
 * can never follow the same one. Only the owner's functions write either.
 */
export class Migration20261203120000_audit_chain_head extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "prev_id" bigint null;`);
    this.addSql(`update "audit_entry" a set "prev_id" = p.prev from (select id, coalesce(lag(id) over (order by id), 0) as prev from "audit_entry") p where p.id = a.id;`);
    this.addSql(`alter table "audit_entry" alter column "prev_id" set not null;`);
    this.addSql(`create unique index "audit_entry_prev_id_unique" on "audit_entry" ("prev_id");`);
    this.addSql(`create table "audit_head" ("id" int primary key check ("id" = 1), "last_id" bigint not null, "last_hash" text not null);`);
    this.addSql(`insert into "audit_head" select 1, coalesce(max(id), 0), coalesce((select hash from audit_entry order by id desc limit 1), repeat('0', 64)) from audit_entry;`);
    this.addSql(`revoke insert, update, delete, truncate, references, trigger on "audit_head" from crc_app;`);
    this.addSql(`grant select on "audit_head" to crc_app;`);
    this.addSql(`create or replace function crc_audit_append(actor jsonb, entity text, record_id text, operation text, changes jsonb) returns void language plpgsql security definer set search_path = public as $$
    declare
      head audit_head%rowtype;
      next_id bigint;
      next_hash text;
      stamp timestamptz := clock_timestamp();
    begin
      if actor is null or coalesce(actor->>'name', '') = '' then
        raise exception 'crc: a write to % without an actor (set crc.actor for the transaction)', entity using errcode = 'CA001';
      end if;
      -- The head, locked to commit: the next append waits for this one, or (with an older snapshot) fails.
      select * into head from audit_head where id = 1 for update;
      next_id := nextval('audit_entry_id_seq');
      next_hash := encode(sha256(convert_to(crc_audit_text(head.last_hash, next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes), 'UTF8')), 'hex');
      insert into audit_entry (id, at, actor_id, actor_name, actor_role, request_id, entity, record_id, operation, changes, prev_hash, hash, prev_id)
        values (next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes, head.last_hash, next_hash, head.last_id);
      update audit_head set last_id = next_id, last_hash = next_hash where id = 1;
    end $$;`);
    this.addSql(`revoke all on function crc_audit_append(jsonb, text, text, text, jsonb) from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_head";`);
    this.addSql(`drop index if exists "audit_entry_prev_id_unique";`);
    this.addSql(`alter table "audit_entry" drop column if exists "prev_id";`);
  }
}
