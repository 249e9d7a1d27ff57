import { Migration } from '@mikro-orm/migrations';

/**
 * The metric facts are rebuilt beside the ones comparisons read and swapped in when complete
 * (server/metrics/refresher.ts). Refreshes meanwhile keep the current facts fresh and note here which
 * regions they took, and when, so the rebuild can replay them into the new facts before the swap. One row
 * per region, its latest time: the table stays as small as the region tree. Only the owner's functions use it.
 * The facts' state now names the catalog alone (its years are in their own columns): the next start rebuilds.
 */
export class Migration20261208090000_metric_replay extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "metric_replay" ("region_id" bigint primary key, "taken_at" timestamptz not null);`);
    this.addSql(`revoke all on "metric_replay" from crc_app;`);
    this.addSql(`drop function if exists crc_metric_refresh(text, int, int);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "metric_replay";`);
  }
}
