import { Migration } from '@mikro-orm/migrations';

/**
 * Rows a spreadsheet import writes are recorded as IMPORT (not CREATE), under the import's request id — the
 * batch an administrator may undo. Only inserts take the import's name: an update or a delete in the same
 * transaction is recorded as what it is.
 */
export class Migration20261206110000_import_operation extends Migration {
  override async up(): Promise<void> {
    this.addSql(auditRows(`case when current_setting('crc.operation', true) = 'IMPORT' then 'IMPORT' else 'CREATE' end`, `coalesce(nullif(nullif(current_setting('crc.operation', true), ''), 'IMPORT'), 'UPDATE')`));
  }

  override async down(): Promise<void> {
    this.addSql(auditRows(`'CREATE'`, `coalesce(nullif(current_setting('crc.operation', true), ''), 'UPDATE')`));
  }
}

/** crc_audit_rows as Migration20261123041342_access wrote it, with the operation of an insert and of a plain update given. */
export function auditRows(insertOperation: string, updateOperation: string): string {
  return `create or replace function crc_audit_rows() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
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
        op := ${insertOperation};
        for r in select to_jsonb(n) as after from new_rows n loop
          select coalesce(jsonb_object_agg(coalesce(names->>a.key, a.key), jsonb_build_object('before', null, 'after', case when a.key = any(secret) then '"***"'::jsonb else a.value end)), '{}') into changes
            from jsonb_each(r.after) a where a.key not in ('id', 'version', 'created_at', 'updated_at') and a.value <> 'null'::jsonb;
          perform crc_audit_append(actor, entity, r.after->>key_column, op, changes);
        end loop;
      elsif tg_op = 'UPDATE' then
        for r in select to_jsonb(o) as before, to_jsonb(n) as after from old_rows o join new_rows n on to_jsonb(n)->key_column = to_jsonb(o)->key_column loop
          op := case
            when r.before->>'deleted_at' is null and r.after->>'deleted_at' is not null then 'DELETE'
            when r.before->>'deleted_at' is not null and r.after->>'deleted_at' is null then 'RESTORE'
            else ${updateOperation} end;
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
    end $$;`;
}
