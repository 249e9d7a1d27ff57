/**
 * What a metric is (DOMAIN.md "Metrics leaders compare across regions"): a numerator and, for ratios,
 * a denominator, each a *part* — one SQL aggregate over the records attributed to a region. Parts are
 * what the pre-aggregated facts store, so two metrics sharing a denominator (active seats) store it once.
 */
import { raw, sql, type Sql } from '../sql/sql.js';

export type MetricKind = 'STOCK' | 'FLOW' | 'RATE';

/**
 * How a part's yearly values combine over a period of whole years: flows add up, stocks are taken at the
 * period's end, and a count of distinct records over the period (seats that entered a station at least
 * once) is neither, so it is computed over the period itself.
 */
export type Combine = 'sum' | 'end' | 'distinct';

/**
 * A part's SELECT: one row per (own region, window) with its value, `region_id, year, value`. It joins
 * the windows relation `w(year, starts, ends, …)` the caller defines (server/metrics/windows.ts) and
 * restricts the attributed region column with `scope(column)` (every region, or the dirty ones, or a subtree).
 */
export type PartQuery = (scope: (column: string) => Sql) => Sql;

/** The scope of a full build: every region. Parts may leave out joins that only restrict to a scope. */
export const everywhere = (_column: string): Sql => raw('true');

export type Part = {
  key: string;
  combine: Combine;
  /** Tables the query reads: a write to any of them marks the affected regions' facts stale. */
  reads: readonly string[];
  query: PartQuery;
  /** Set when the part is one aggregate over rows other parts read too: computed with them in one pass. */
  over?: { rows: PartRows; value: string };
};

/**
 * Rows several parts aggregate: `from … join w … where …` (with `scope` applied), the column of the
 * region each row is attributed to, and the tables they read (for the marking triggers). A rebuild of the facts reads 30 million rows nationally; one pass per
 * table for all its parts, each an aggregate with its own filter, instead of one pass per part.
 */
export type PartRows = { reads: readonly string[]; region: string; from: PartQuery };

export type Metric = {
  key: string;
  labelZh: string;
  labelEn: string;
  /** Shown after the value; `%` means the value is a ratio the console shows as a percentage. */
  unitZh: string;
  unitEn: string;
  kind: MetricKind;
  /** Null where neither direction is better (a count of seats). */
  higherIsBetter: boolean | null;
  descriptionZh: string;
  descriptionEn: string;
  numerator: Part;
  /** Absent for counts and sums: the value is the numerator, 0 when nothing is there. */
  denominator?: Part;
};

export const definePart = (part: Part): Part => part;

/** A part that is `value` (an aggregate, e.g. `count(*) filter (where …)`) over shared rows, 0 when none count. */
export function aggregatePart(part: Pick<Part, 'key' | 'combine'>, rows: PartRows, value: string): Part {
  return {
    ...part,
    reads: rows.reads,
    over: { rows, value },
    query: (scope) => sql`select ${raw(rows.region)} as region_id, w.year, coalesce(${raw(value)}, 0)::numeric as value ${rows.from(scope)} group by 1, 2`,
  };
}
export const defineMetric = (metric: Metric): Metric => metric;
