import { Migration } from '@mikro-orm/migrations';

/**
 * Each rollup row's metric values (catalog order, rounded as the API answers them) in a narrow table keyed
 * by year first, so a comparison of every county reads one compact row per region instead of dividing
 * thousands of parts per call. The refresher writes them with the rollups; the catalog's signature covers
 * their order.
 */
export class Migration20261123030000_metric_values extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "metric_value" (
      "year" int not null,
      "region_id" bigint not null,
      "mvals" float8[] not null,
      primary key ("year", "region_id"));`);
    this.addSql(`drop index "metric_rollup_year_idx";`);
    this.addSql(`delete from "metric_state";`);
    // A full rebuild empties the derived tables: truncation leaves no dead rows behind (a delete of half a
    // million rows doubled the table until vacuum ran).
    this.addSql(`grant truncate on "metric_own_fact", "metric_rollup", "metric_value" to crc_app;`);
  }
}
