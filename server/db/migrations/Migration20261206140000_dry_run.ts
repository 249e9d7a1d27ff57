import { Migration } from '@mikro-orm/migrations';

/**
 * Dry runs that hold no other writer (server/db/dry-run.ts): the guard every audited table's constraint trigger
 * calls (the triggers themselves are installed from the model at migrate time, with the audit triggers), and the
 * live row counts left alone in a dry run (their one row per table would make every insert elsewhere wait).
 */
export class Migration20261206140000_dry_run extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function crc_dry_run_guard() returns trigger language plpgsql as $$
      begin
        raise exception 'crc: a dry run''s writes are never committed (% was written in one)', tg_table_name using errcode = 'CA004';
      end $$;`);
    this.addSql(countRows(`if current_setting('crc.dry_run', true) = 'on' then return null; end if;`));
  }

  override async down(): Promise<void> {
    this.addSql(countRows(''));
    this.addSql(`drop function if exists crc_dry_run_guard() cascade;`);
  }
}

/** crc_count_rows as Migration20261123001000_row_counts wrote it, with `first` before its count. */
function countRows(first: string): string {
  return `create or replace function crc_count_rows() returns trigger language plpgsql as $$
      declare delta bigint := 0;
      begin
        ${first}
        if tg_op in ('INSERT', 'UPDATE') then delta := delta + (select count(*) from new_rows where deleted_at is null); end if;
        if tg_op in ('DELETE', 'UPDATE') then delta := delta - (select count(*) from old_rows where deleted_at is null); end if;
        if delta <> 0 then update row_count set live = live + delta where table_name = tg_table_name; end if;
        return null;
      end $$;`;
}
