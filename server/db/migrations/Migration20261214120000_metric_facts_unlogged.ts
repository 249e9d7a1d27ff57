import { Migration } from '@mikro-orm/migrations';

/**
 * The metric facts and their state unlogged (issue 20): derived from the records, they need no WAL — a national
 * rebuild wrote its 700 MB of rows into the WAL (and its archive) for nothing. After a crash PostgreSQL empties
 * unlogged tables, the state with them, so the facts read as not built and are rebuilt (comparisons meanwhile are
 * computed from the records); a physical backup holds none of them for the same reason. Never a stale figure:
 * the state and the facts are lost together. The marks (`metric_dirty`, `metric_replay`) stay logged.
 */
export class Migration20261214120000_metric_facts_unlogged extends Migration {
  override async up(): Promise<void> {
    for (const table of ['metric_state', 'metric_own_fact', 'metric_rollup', 'metric_value']) this.addSql(`alter table "${table}" set unlogged;`);
  }

  override async down(): Promise<void> {
    for (const table of ['metric_state', 'metric_own_fact', 'metric_rollup', 'metric_value']) this.addSql(`alter table "${table}" set logged;`);
  }
}
