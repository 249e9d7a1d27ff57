import { Migration } from '@mikro-orm/migrations';

/**
 * Pre-aggregated metric facts (server/metrics): each region's own part values per year, the same rolled up
 * into every ancestor as one array per (region, year) (exact numerics, and the same as float8 for reading), the regions whose facts a write made stale, and
 * what the facts were built from. The triggers that fill `metric_dirty` are derived from the metrics
 * catalog and installed after the migrations (server/metrics/triggers.ts).
 */
export class Migration20261123015000_metric_facts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "metric_state" (
      "id" int primary key default 1 check ("id" = 1),
      "signature" text not null,
      "first_year" int not null,
      "last_year" int not null,
      "built_at" timestamptz not null,
      "refreshed_at" timestamptz not null);`);
    this.addSql(`create table "metric_own_fact" (
      "region_id" bigint not null,
      "year" int not null,
      "part" int not null,
      "value" numeric not null,
      primary key ("region_id", "year", "part"));`);
    this.addSql(`create table "metric_rollup" (
      "region_id" bigint not null,
      "year" int not null,
      "vals" numeric[] not null,
      "fvals" float8[] generated always as ("vals"::float8[]) stored,
      primary key ("region_id", "year"));`);
    // Comparisons read a year's rows for many regions: this order serves them in one range scan.
    this.addSql(`create index "metric_rollup_year_idx" on "metric_rollup" ("year", "region_id") include ("fvals");`);
    // Comparisons pick the regions of a level (declared on the Region model: `indexes`).
    this.addSql(`create index "region_level_code_idx" on "region" ("level", "code") where "deleted_at" is null;`);
    // A null region means the region tree itself changed: every rollup is rebuilt from the own facts.
    this.addSql(`create table "metric_dirty" ("region_id" bigint, "marked_at" timestamptz not null default clock_timestamp());`);
  }
}
