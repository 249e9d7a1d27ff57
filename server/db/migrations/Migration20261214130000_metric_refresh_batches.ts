import { Migration } from '@mikro-orm/migrations';

/**
 * Metric refreshes take the marks in bounded batches (issue 20: a bulk change marked ~31,000 regions, one refresh
 * longer than any request may take, cancelled and begun again by every comparison). The index lets a batch read
 * the lowest marked regions and stop at its limit, and delete their marks, without scanning every mark each time.
 * The refresher takes the batch's size as a second argument (server/metrics/refresher.ts, installed after the
 * migrations): the one-argument function goes, or calls with one argument would be ambiguous.
 */
export class Migration20261214130000_metric_refresh_batches extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "metric_dirty_region_idx" on "metric_dirty" ("region_id") where "region_id" is not null;`);
    this.addSql(`drop function if exists crc_metric_refresh(text);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "metric_dirty_region_idx";`);
  }
}
