/**
 * What a metric is (DOMAIN.md "Metrics leaders compare across regions"): a numerator and, for ratios,
 * a denominator, each a *part* — one SQL aggregate over the records attributed to a region. Parts are
 * what the pre-aggregated facts store, so two metrics sharing a denominator (active seats) store it once.
 */
import type { Sql } from '../sql/sql.js';

export type MetricKind = 'STOCK' | 'FLOW' | 'RATE';

/**
 * How a part's yearly values combine over a period of whole years: flows add up, stocks are taken at the
 * period's end, and a count of distinct records over the period (seats that entered a station at least
 * once) is neither, so it is computed over the period itself.
 */
export type Combine = 'sum' | 'end' | 'distinct';

/**
 * A part's SELECT: one row per (own region, window) with its value, `region_id, year, value`. It joins
 * the windows relation `w(year, starts, ends)` the caller defines and restricts the attributed region
 * column with `scope(column)` (every region, or the dirty ones, or a subtree).
 */
export type PartQuery = (scope: (column: string) => Sql) => Sql;

export type Part = {
  key: string;
  combine: Combine;
  /** Tables the query reads: a write to any of them marks the affected regions' facts stale. */
  reads: readonly string[];
  query: PartQuery;
};

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
export const defineMetric = (metric: Metric): Metric => metric;
