/** The SQL pieces every metric statement shares: the windows relation and arithmetic on its days, the parts' union, region trees. */
import { join, raw, sql, type Sql } from '../sql/sql.js';
import { everywhere, type Part, type PartRows } from './metric.js';

/**
 * A day as the integer yyyymmdd: whole years between two days are their difference divided by 10,000, truncated
 * (the year field of `age(later, earlier)`, negative the other way round), without an interval or a numeric
 * per row: `extract(year from age(…))` per seat and year took 6 of the 16 s of a national rebuild's seat-year aggregates.
 */
export const dayNumber = (day: string): string => `(extract(year from ${day}) * 10000 + extract(month from ${day}) * 100 + extract(day from ${day}))::int`;

/** Whole years from the day numbered `earlier` to the day numbered `later` (dayNumber), as `age` counts them. */
export const wholeYears = (later: string, earlier: string): string => `(${later} - ${earlier}) / 10000`;

/**
 * A calendar year's window, `y` its year, `position` its place among the windows: what every window carries,
 * `w(year, starts, ends, ends_day, position)`. Windows never overlap (calendar years, or one period), and
 * `position` counts them in order from 1.
 */
const calendarYear = (y: string, position: string) => `${y} as year, make_date(${y}, 1, 1) as starts, make_date(${y}, 12, 31) as ends, ${y} * 10000 + 1231 as ends_day, ${position} as position`;

/** `w(year, starts, ends, ends_day, position)`: one window per calendar year; `ends_day` is `ends` as a dayNumber. */
export const yearWindows = (years: readonly number[]): Sql => sql`w as (select ${raw(calendarYear('y', 'row_number() over (order by y)::int'))} from unnest(${years}::int[]) y)`;

/**
 * The windows of the facts, every year from `from` to `to` (SQL expressions): not materialized, for a materialized
 * CTE keeps the whole statement from running in parallel.
 */
export const yearRangeWindows = (from: string, to: string): Sql => raw(`w as not materialized (select ${calendarYear('y', `y - ${from} + 1`)} from generate_series(${from}, ${to}) y)`);

/** One window over a period, labelled year 0 (a period row has no year). */
export const periodWindow = (from: string, to: string): Sql =>
  sql`w as (select 0 as year, starts, ends, ${raw(dayNumber('ends'))} as ends_day, 1 as position from (select ${from}::date, ${to}::date) period(starts, ends))`;

/**
 * A join condition: the day `column` falls in the window `w` (between its start and end). Over every region, the
 * window is found by a binary search among the windows' starts (they do not overlap) and joined by its position,
 * by hash: tested against every window, the 3 million activities of the national set cost 36 million comparisons
 * per pass. Within a scope (a refresh, a comparison from the records) the few rows are found through indexes and
 * tested against each window, as the planner does well: the position's estimate made it read every participant
 * of every training for five counties (100 ms → 480 ms).
 */
export const inWindow = (column: string, scope: (column: string) => Sql): Sql =>
  raw(scope === everywhere ? `w.position = width_bucket(${column}, (select array_agg(starts order by position) from w)) and ${column} <= w.ends` : `${column} between w.starts and w.ends`);

/**
 * How many elements of the ascending int array `sorted` equal `value`: those up to it less those up to the one
 * before, each found by binary search (`width_bucket`) — `array_positions` built an array per seat and year, 3.4 of
 * the 16 s of a national rebuild's seat-year aggregates.
 */
export const occurrences = (value: string, sorted: string) => `width_bucket(${value}, ${sorted}) - width_bucket(${value} - 1, ${sorted})`;

/**
 * `(slot, region_id, year, value)` for each part, its slot being its 1-based position in `parts`. Parts
 * aggregating the same rows (`Part.over`) are computed in one pass over them, a column each, then
 * unfolded into one row per part.
 */
export function partsUnion(parts: readonly Part[], scope: (column: string) => Sql): Sql {
  const shared = new Map<PartRows, { slot: number; value: string }[]>();
  const selects: Sql[] = [];
  parts.forEach((part, index) => {
    if (!part.over) {
      selects.push(sql`select ${raw(String(index + 1))} as slot, p.region_id, p.year, p.value from (${part.query(scope)}) p`);
      return;
    }
    const measures = shared.get(part.over.rows) ?? [];
    shared.set(part.over.rows, [...measures, { slot: index + 1, value: part.over.value }]);
  });
  for (const [rows, measures] of shared) {
    const columns = measures.map((measure, index) => `coalesce(${measure.value}, 0)::numeric as m${index}`).join(', ');
    const unfolded = measures.map((measure, index) => `(${measure.slot}, b.m${index})`).join(', ');
    selects.push(sql`select v.slot, b.region_id, b.year, v.value
      from (select ${raw(rows.region)} as region_id, w.year, ${raw(columns)} ${rows.from(scope)} group by 1, 2) b
      cross join lateral (values ${raw(unfolded)}) v(slot, value)`);
  }
  return join(selects, ' union all ');
}

/**
 * `anc(region_id, ancestor_id)`: every live region with itself and each live ancestor, for the regions
 * `seed` selects (all when null). Rolls a region's own facts into every region above it.
 */
export const ancestors = (seed: Sql | null): Sql => sql`anc(region_id, ancestor_id, parent_id) as (
  select r.id, r.id, r.parent_id from region r where r.deleted_at is null ${seed ? sql`and r.id in (${seed})` : raw('')}
  union all
  select anc.region_id, r.id, r.parent_id from anc join region r on r.id = anc.parent_id and r.deleted_at is null)`;

/**
 * `(slot-long rows) → (region_id, year, vals numeric[])`, zeros where a part has no row: one pass, one
 * filtered sum per slot (a join against every (key, slot) pair took a minute at national scale).
 */
export const pivot = (source: string, slots: number): Sql => {
  const columns = Array.from({ length: slots }, (_, index) => `coalesce(sum(s.value) filter (where s.slot = ${index + 1}), 0)`);
  return raw(`select s.region_id, s.year, array[${columns.join(', ')}] as vals from ${source} s group by s.region_id, s.year`);
};
