import { Migration } from '@mikro-orm/migrations';

/**
 * Fresh statistics after a large import (Writer.importRows): a table that was small when it was last analysed
 * and took 100,000 rows in one commit is planned as if still small until autovacuum comes by — an export of it
 * right after sorted the whole table for every page (0.2 s a page). The application role may analyse a table
 * of records (one the row counts track), through this owner function, and nothing else: ANALYZE needs the
 * owner, and the MAINTAIN privilege would also let it lock, cluster or reindex.
 */
export class Migration20261206150000_analyze_after_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function crc_analyze(target text) returns void language plpgsql security definer set search_path = public, pg_temp as $$
      begin
        if not exists (select 1 from row_count where table_name = target) then
          raise exception 'crc: % is not a table of records', target using errcode = 'CA005';
        end if;
        execute format('analyze %I', target);
      end $$;`);
    this.addSql(`revoke all on function crc_analyze(text) from public;`);
    this.addSql(`grant execute on function crc_analyze(text) to crc_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists crc_analyze(text);`);
  }
}
