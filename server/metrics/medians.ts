/**
 * The group's median of each metric per year, computed from the rows the statement already returned
 * (PostgreSQL's percentile_cont(0.5) semantics: no-data values left out, the mean of the two middle values
 * for an even count, null when nothing has data), rounded like the values to six decimal places.
 * Sorting 24 columns of a few thousand numbers here costs less than the ordered-set aggregates did in SQL.
 */
import type { ComparisonTuple } from './compare.js';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(value * 1e6) / 1e6;
}

/** One median row per year of `rows` (in year order), each metric's median across the rows' regions. */
export function medianRows(rows: readonly ComparisonTuple[], metricCount: number): ComparisonTuple[] {
  const byYear = new Map<number | null, ComparisonTuple[]>();
  for (const row of rows) {
    const list = byYear.get(row[2]) ?? [];
    list.push(row);
    byYear.set(row[2], list);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([year, group]) => {
      const values = Array.from({ length: metricCount }, (_, index) => median(group.map((row) => row[3][index]).filter((value): value is number => value !== null)));
      return [null, null, year, values];
    });
}
