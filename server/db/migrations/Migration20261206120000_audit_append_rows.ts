import { Migration } from '@mikro-orm/migrations';
import { appendAsSessionActor } from './Migration20261203130000_session_actors.js';
import { auditRows } from './Migration20261206110000_import_operation.js';

/**
 * A statement's audit entries appended together: the head of the chain read (`for update`) and written once
 * per statement instead of once per row. Per row, a 500-row insert paid a head read and a head update; and
 * since every update of the one head row within a transaction leaves a version only that transaction's end
 * can clean, each read walked all the versions before it — an import of n rows cost n² (20,000 rows: 13 s of
 * its 21 s in the appends). The chain is the same: each entry hashed over its predecessor's hash, in order,
 * under the same lock; audit:verify reads it unchanged.
 */
export class Migration20261206120000_audit_append_rows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function crc_audit_append_rows(actor jsonb, entity text, record_ids text[], operations text[], changes jsonb[]) returns void language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      head audit_head%rowtype;
      entries int := coalesce(array_length(record_ids, 1), 0);
      ids bigint[] := '{}';
      stamps timestamptz[] := '{}';
      prev_hashes text[] := '{}';
      prev_ids bigint[] := '{}';
      hashes text[] := '{}';
      chain_id bigint;
      chain_hash text;
      stamp timestamptz;
    begin
      if entries = 0 then
        return;
      end if;
      -- The application role writes as the user of the live session it names, whatever it claims.
      if session_user = 'crc_app' then
        actor := crc_session_actor();
      end if;
      if actor is null or coalesce(actor->>'name', '') = '' then
        raise exception 'crc: a write to % without an actor (a live session for the application, crc.actor for the owner)', entity using errcode = 'CA001';
      end if;
      -- The head, locked to commit: the next append waits for this one, or (with an older snapshot) fails.
      select * into head from audit_head where id = 1 for update;
      chain_id := head.last_id;
      chain_hash := head.last_hash;
      for i in 1 .. entries loop
        prev_ids[i] := chain_id;
        prev_hashes[i] := chain_hash;
        chain_id := nextval('audit_entry_id_seq');
        stamp := clock_timestamp();
        chain_hash := encode(sha256(convert_to(crc_audit_text(chain_hash, chain_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_ids[i], operations[i], changes[i]), 'UTF8')), 'hex');
        ids[i] := chain_id;
        stamps[i] := stamp;
        hashes[i] := chain_hash;
      end loop;
      insert into audit_entry (id, at, actor_id, actor_name, actor_role, request_id, entity, record_id, operation, changes, prev_hash, hash, prev_id)
        select e.id, e.at, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, e.record_id, e.operation, e.changes, e.prev_hash, e.hash, e.prev_id
        from unnest(ids, stamps, record_ids, operations, changes, prev_hashes, hashes, prev_ids) as e(id, at, record_id, operation, changes, prev_hash, hash, prev_id)
        order by e.id;
      update audit_head set last_id = chain_id, last_hash = chain_hash where id = 1;
    end $$;`);
    this.addSql(`revoke all on function crc_audit_append_rows(jsonb, text, text[], text[], jsonb[]) from public;`);
    // One entry (a note, a sign-in) is a statement of one row.
    this.addSql(`create or replace function crc_audit_append(actor jsonb, entity text, record_id text, operation text, changes jsonb) returns void language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      perform crc_audit_append_rows(actor, entity, array[record_id], array[operation], array[changes]);
    end $$;`);
    this.addSql(auditRowsTogether);
  }

  override async down(): Promise<void> {
    this.addSql(appendAsSessionActor);
    this.addSql(auditRows(`case when current_setting('crc.operation', true) = 'IMPORT' then 'IMPORT' else 'CREATE' end`, `coalesce(nullif(nullif(current_setting('crc.operation', true), ''), 'IMPORT'), 'UPDATE')`));
    this.addSql(`drop function if exists crc_audit_append_rows(jsonb, text, text[], text[], jsonb[]);`);
  }
}

/**
 * crc_audit_rows as Migration20261206110000_import_operation left it (an insert recorded as IMPORT within an
 * import, each changed field's before and after under its API name, redacted columns as ***), the entries of
 * the statement gathered in row order and appended in one call.
 */
export const auditRowsTogether = `create or replace function crc_audit_rows() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      actor jsonb := nullif(current_setting('crc.actor', true), '')::jsonb;
      entity text := tg_argv[0];
      names jsonb := tg_argv[1]::jsonb;
      secret text[] := tg_argv[2]::text[];
      key_column text := tg_argv[3];
      update_operation text := coalesce(nullif(nullif(current_setting('crc.operation', true), ''), 'IMPORT'), 'UPDATE');
      record_ids text[];
      operations text[];
      changes jsonb[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(r.after->>key_column order by r.ordinal),
               array_agg(case when current_setting('crc.operation', true) = 'IMPORT' then 'IMPORT' else 'CREATE' end order by r.ordinal),
               array_agg(c.changes order by r.ordinal)
          into record_ids, operations, changes
          from (select to_jsonb(n) as after, row_number() over () as ordinal from new_rows n) r
          cross join lateral (
            select coalesce(jsonb_object_agg(coalesce(names->>a.key, a.key), jsonb_build_object('before', null, 'after', case when a.key = any(secret) then '"***"'::jsonb else a.value end)), '{}') as changes
              from jsonb_each(r.after) a where a.key not in ('id', 'version', 'created_at', 'updated_at') and a.value <> 'null'::jsonb
          ) c;
      elsif tg_op = 'UPDATE' then
        select array_agg(r.after->>key_column order by r.ordinal),
               array_agg(case
                 when r.before->>'deleted_at' is null and r.after->>'deleted_at' is not null then 'DELETE'
                 when r.before->>'deleted_at' is not null and r.after->>'deleted_at' is null then 'RESTORE'
                 else update_operation end order by r.ordinal),
               array_agg(c.changes order by r.ordinal)
          into record_ids, operations, changes
          from (select to_jsonb(o) as before, to_jsonb(n) as after, row_number() over () as ordinal from old_rows o join new_rows n on to_jsonb(n)->key_column = to_jsonb(o)->key_column) r
          cross join lateral (
            select coalesce(jsonb_object_agg(coalesce(names->>a.key, a.key), case when a.key = any(secret) then '{"before": "***", "after": "***"}'::jsonb else jsonb_build_object('before', b.value, 'after', a.value) end), '{}') as changes
              from jsonb_each(r.after) a join jsonb_each(r.before) b on b.key = a.key
              where a.key not in ('version', 'updated_at') and a.value is distinct from b.value
          ) c;
      else
        select array_agg(r.before->>key_column order by r.ordinal), array_agg('PURGE'::text order by r.ordinal), array_agg(c.changes order by r.ordinal)
          into record_ids, operations, changes
          from (select to_jsonb(o) as before, row_number() over () as ordinal from old_rows o) r
          cross join lateral (
            select coalesce(jsonb_object_agg(coalesce(names->>b.key, b.key), jsonb_build_object('before', case when b.key = any(secret) then '"***"'::jsonb else b.value end, 'after', null)), '{}') as changes
              from jsonb_each(r.before) b where b.value <> 'null'::jsonb
          ) c;
      end if;
      perform crc_audit_append_rows(actor, entity, record_ids, operations, changes);
      return null;
    end $$;`;
