import { Migration } from '@mikro-orm/migrations';

/**
 * Actors verified in the database: the application role's writes (and its notes: READ_PERSONAL, SIGN_IN …)
 * are attributed to the user of the live session the transaction names (`crc.session`: the session's token,
 * whose hash the sessions table holds), never to whatever `crc.actor` claims. Only the owner (seeds, loads,
 * migrations, the command line) names an actor directly, a system one or a user it vouches for.
 */
export class Migration20261203130000_session_actors extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function crc_session_actor() returns jsonb language plpgsql stable security definer set search_path = public, pg_temp as $$
    declare
      token text := nullif(current_setting('crc.session', true), '');
      found jsonb;
    begin
      if token is null then return null; end if;
      select jsonb_build_object('id', u.id::text, 'name', u.username, 'role', u.role, 'requestId', nullif(current_setting('crc.request', true), ''))
        into found
        from user_session s join app_user u on u.id = s.user_id
       where s.id = encode(sha256(convert_to(token, 'UTF8')), 'hex') and s.expires_at > now() and u.active and u.deleted_at is null;
      if found is null then
        raise exception 'crc: the session this write names is not live' using errcode = 'CA003';
      end if;
      return found;
    end $$;`);
    this.addSql(`revoke all on function crc_session_actor() from public;`);
    this.addSql(appendAsSessionActor);
    this.addSql(`revoke all on function crc_audit_append(jsonb, text, text, text, jsonb) from public;`);
    // pg_temp last on every owner function's path: a temporary audit_head or audit_entry of the caller's
    // would otherwise take the place of the real one, and a write would be audited into a table that vanishes.
    this.addSql(`alter function crc_audit_rows() set search_path = public, pg_temp;`);
    this.addSql(`alter function crc_audit_note(text, text, jsonb) set search_path = public, pg_temp;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists crc_session_actor();`);
  }
}

/** crc_audit_append as this migration wrote it: one entry, its actor the live session's user for the application role. */
export const appendAsSessionActor = `create or replace function crc_audit_append(actor jsonb, entity text, record_id text, operation text, changes jsonb) returns void language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      head audit_head%rowtype;
      next_id bigint;
      next_hash text;
      stamp timestamptz := clock_timestamp();
    begin
      -- The application role writes as the user of the live session it names, whatever it claims.
      if session_user = 'crc_app' then
        actor := crc_session_actor();
      end if;
      if actor is null or coalesce(actor->>'name', '') = '' then
        raise exception 'crc: a write to % without an actor (a live session for the application, crc.actor for the owner)', entity using errcode = 'CA001';
      end if;
      -- The head, locked to commit: the next append waits for this one, or (with an older snapshot) fails.
      select * into head from audit_head where id = 1 for update;
      next_id := nextval('audit_entry_id_seq');
      next_hash := encode(sha256(convert_to(crc_audit_text(head.last_hash, next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes), 'UTF8')), 'hex');
      insert into audit_entry (id, at, actor_id, actor_name, actor_role, request_id, entity, record_id, operation, changes, prev_hash, hash, prev_id)
        values (next_id, stamp, (actor->>'id')::bigint, actor->>'name', actor->>'role', actor->>'requestId', entity, record_id, operation, changes, head.last_hash, next_hash, head.last_id);
      update audit_head set last_id = next_id, last_hash = next_hash where id = 1;
    end $$;`;
