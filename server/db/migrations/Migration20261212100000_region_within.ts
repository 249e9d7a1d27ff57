import { Migration } from '@mikro-orm/migrations';

/**
 * `within` on a region filter (`region: { within: "620800" }`, server/api/filter.builder.ts) refuses a division
 * code no live region has rather than reading it as an empty subtree: this function answers true for a known
 * code and raises CA004 otherwise, with the code as the hint and the filter's path as the detail, which the
 * server turns into a BAD_USER_INPUT in both languages (server/graphql/errors.ts). Stable, and called as an
 * uncorrelated subquery: PostgreSQL runs it once per statement, by the code's unique index.
 */
export class Migration20261212100000_region_within extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function crc_known_division(division_code text, filter_path text) returns boolean language plpgsql stable parallel safe
      set search_path = public, pg_temp as $$
      begin
        if exists (select 1 from region where code = division_code and deleted_at is null) then return true; end if;
        raise exception 'crc: no region has the division code %', division_code using errcode = 'CA004', hint = division_code, detail = filter_path;
      end $$;`);
    this.addSql(`grant execute on function crc_known_division(text, text) to crc_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists crc_known_division(text, text);`);
  }
}
