/**
 * Installs, as the owner after the migrations, the statement-level triggers that mark stale facts: for
 * every table the catalog's parts read, the affected regions of the changed rows go to `metric_dirty`
 * in the same transaction as the write — ORM writes and plain SQL alike. A change to the region tree
 * (a new parent or level, a deletion) marks everything, since rollups follow the tree. Derived from the catalog,
 * so a new metric reading a new table gets its trigger with no migration. The marking functions run as the
 * owner (security definer): the application role can neither write nor drop a mark itself.
 */
import type { Metric } from './metric.js';
import { partsOf } from './catalog.js';
import { affectedRegions } from './sources.js';
import { parentTables } from './live.js';
import { inDryRun } from '../db/dry-run.js';

/** The tables the catalog reads, each with its mapping to affected regions. */
export function sourceTables(metrics: readonly Metric[]): string[] {
  // A row counts only while its required parents are live (live.ts): their deletions change figures too.
  const read = partsOf(metrics).flatMap((part) => part.reads);
  const tables = new Set([...read, ...read.flatMap(parentTables)]);
  for (const table of tables) {
    if (!affectedRegions[table]) throw new Error(`metric parts read "${table}", which server/metrics/sources.ts does not map to regions`);
  }
  return [...tables].sort();
}

/** The trigger marking the regions of `table`'s updated rows (a fill of derived columns switches it off: server/db/pinyin.ts). */
export const metricUpdateTriggerName = (table: string) => `crc_metrics_${table}_update`;

const mark = (select: string) => `insert into metric_dirty (region_id) select distinct region_id from (${select}) changed where region_id is not null;`;

function tableTriggers(table: string): string[] {
  const regions = affectedRegions[table];
  const fn = `crc_metrics_mark_${table}`;
  return [
    `create or replace function ${fn}() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      -- A dry run is never committed (server/db/dry-run.ts): nothing of it to mark.
      if ${inDryRun} then return null; end if;
      if tg_op in ('UPDATE', 'DELETE') then ${mark(regions('old_rows'))} end if;
      if tg_op in ('INSERT', 'UPDATE') then ${mark(regions('new_rows'))} end if;
      return null;
    end $$;`,
    `create or replace trigger crc_metrics_${table}_insert after insert on "${table}" referencing new table as new_rows for each statement execute function ${fn}();`,
    `create or replace trigger ${metricUpdateTriggerName(table)} after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`,
    `create or replace trigger crc_metrics_${table}_delete after delete on "${table}" referencing old table as old_rows for each statement execute function ${fn}();`,
  ];
}

const regionTreeTrigger = [
  `create or replace function crc_metrics_mark_region_tree() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
  begin
    if ${inDryRun} then return null; end if;
    if tg_op = 'DELETE' then
      insert into metric_dirty (region_id) values (null);
    elsif exists (select 1 from old_rows o join new_rows n on n.id = o.id
        where n.parent_id is distinct from o.parent_id or n.level is distinct from o.level or (n.deleted_at is null) <> (o.deleted_at is null)) then
      insert into metric_dirty (region_id) values (null);
    end if;
    return null;
  end $$;`,
  `create or replace trigger crc_metrics_region_update after update on "region" referencing old table as old_rows new table as new_rows for each statement execute function crc_metrics_mark_region_tree();`,
  `create or replace trigger crc_metrics_region_delete after delete on "region" referencing old table as old_rows for each statement execute function crc_metrics_mark_region_tree();`,
];

/** Every statement that (re)creates the catalog's triggers; idempotent. */
export function triggerStatements(metrics: readonly Metric[]): string[] {
  return [...sourceTables(metrics).flatMap(tableTriggers), ...regionTreeTrigger];
}
