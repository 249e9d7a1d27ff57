/** The SQL pieces every metric statement shares: the windows relation, the parts' union, region trees. */
import { join, raw, sql, type Sql } from '../sql/sql.js';
import type { Part } from './metric.js';

/** `w(year, starts, ends)`: one window per calendar year. */
export const yearWindows = (years: readonly number[]): Sql =>
  sql`w as (select y as year, make_date(y, 1, 1) as starts, make_date(y, 12, 31) as ends from unnest(${years}::int[]) y)`;

/** One window over a period, labelled year 0 (a period row has no year). */
export const periodWindow = (from: string, to: string): Sql =>
  sql`w as (select 0 as year, ${from}::date as starts, ${to}::date as ends)`;

/** `(slot, region_id, year, value)` for each part, its slot being its 1-based position in `parts`. */
export function partsUnion(parts: readonly Part[], scope: (column: string) => Sql): Sql {
  return join(
    parts.map((part, index) => sql`select ${raw(String(index + 1))} as slot, p.region_id, p.year, p.value from (${part.query(scope)}) p`),
    ' union all ',
  );
}

/**
 * `anc(region_id, ancestor_id)`: every live region with itself and each live ancestor, for the regions
 * `seed` selects (all when null). Rolls a region's own facts into every region above it.
 */
export const ancestors = (seed: Sql | null): Sql => sql`anc(region_id, ancestor_id, parent_id) as (
  select r.id, r.id, r.parent_id from region r where r.deleted_at is null ${seed ? sql`and r.id in (${seed})` : raw('')}
  union all
  select anc.region_id, r.id, r.parent_id from anc join region r on r.id = anc.parent_id and r.deleted_at is null)`;

/** `(slots-long rows) → (region_id, year, vals numeric[])`, zeros where a part has no row. */
export const pivot = (source: string, slots: number): Sql => sql`
  select k.region_id, k.year, array_agg(coalesce(s.value, 0) order by i.slot) as vals
  from (select distinct region_id, year from ${raw(source)}) k
  cross join generate_series(1, ${raw(String(slots))}) i(slot)
  left join ${raw(source)} s on s.region_id = k.region_id and s.year = k.year and s.slot = i.slot
  group by k.region_id, k.year`;
