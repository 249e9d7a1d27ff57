import { Migration } from '@mikro-orm/migrations';

/**
 * Live row counts per table, kept by statement-level triggers, so an unfiltered list's `totalCount` is a
 * lookup instead of a scan of millions of rows. `crc_track_counts(table)` starts tracking a table (its
 * current count, then the trigger); `npm run migration:create` calls it for every table it creates.
 */
export class Migration20261123001000_row_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "row_count" ("table_name" text primary key, "live" bigint not null);`);
    this.addSql(`create function crc_count_rows() returns trigger language plpgsql as $$
      declare delta bigint := 0;
      begin
        if tg_op in ('INSERT', 'UPDATE') then delta := delta + (select count(*) from new_rows where deleted_at is null); end if;
        if tg_op in ('DELETE', 'UPDATE') then delta := delta - (select count(*) from old_rows where deleted_at is null); end if;
        if delta <> 0 then update row_count set live = live + delta where table_name = tg_table_name; end if;
        return null;
      end $$;`);
    this.addSql(`create function crc_track_counts(target text) returns void language plpgsql as $$
      begin
        execute format('insert into row_count (table_name, live) select %L, count(*) from %I where deleted_at is null
          on conflict (table_name) do update set live = excluded.live', target, target);
        execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function crc_count_rows()', target || '_count_insert', target);
        execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function crc_count_rows()', target || '_count_update', target);
        execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function crc_count_rows()', target || '_count_delete', target);
      end $$;`);
    this.addSql(`select crc_track_counts(c.table_name::text) from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'deleted_at' order by c.table_name;`);
  }
}
