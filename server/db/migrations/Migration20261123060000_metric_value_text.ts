import { Migration } from '@mikro-orm/migrations';

/**
 * Metric values kept also as the JSON text comparisons answer with (server/metrics/facts.ts), so a
 * comparison of thousands of regions formats no float per call. The facts are rebuilt to fill it.
 */
export class Migration20261123060000_metric_value_text extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "metric_value" add column "mtext" text[] null;`);
    this.addSql(`delete from "metric_state";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "metric_value" drop column "mtext";`);
  }
}
