import { Migration } from '@mikro-orm/migrations';

/**
 * The metric facts are derived, and written only as the catalog derives them: by the owner's refresher
 * function (server/metrics/refresher.ts) and the owner's marking triggers (server/metrics/triggers.ts). The
 * application role reads them and asks for refreshes; it may not write a figure, drop a mark or reset the state.
 */
export class Migration20261206000000_facts_owned extends Migration {
  override async up(): Promise<void> {
    const derived = `"metric_own_fact", "metric_rollup", "metric_value", "metric_state", "metric_dirty"`;
    this.addSql(`revoke insert, update, delete, truncate, references, trigger on ${derived} from crc_app;`);
    this.addSql(`grant select on ${derived} to crc_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`grant insert, update, delete on "metric_own_fact", "metric_rollup", "metric_value", "metric_state", "metric_dirty" to crc_app;`);
    this.addSql(`grant truncate on "metric_own_fact", "metric_rollup", "metric_value" to crc_app;`);
  }
}
