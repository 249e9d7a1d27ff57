import { Migration } from '@mikro-orm/migrations';

/**
 * What the stored metric facts are made of, part by part and metric by metric (server/metrics/refresher.ts,
 * partSignature and metricSignature): after an upgrade that changes the catalog, the facts of the parts and
 * metrics it left unchanged keep serving comparisons until the rebuild completes (issue 20). Facts built before
 * this column say nothing of their make-up: they serve no other catalog, as before.
 */
export class Migration20261214110000_metric_signatures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "metric_state" add column "part_signatures" text[] null, add column "metric_signatures" text[] null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "metric_state" drop column "part_signatures", drop column "metric_signatures";`);
  }
}
