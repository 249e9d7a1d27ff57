/**
 * The group's median of each metric per year, computed from the rows the statement already returned
 * (PostgreSQL's percentile_cont(0.5) semantics: no-data values left out, the mean of the two middle values
 * for an even count, null when nothing has data), rounded like the values to six decimal places.
 * Selecting the middle of 24 columns of a few thousand numbers here costs less than the ordered-set
 * aggregates did in SQL.
 */
import type { ComparisonTuple } from './compare.js';

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
      // One typed column per metric, filled in one pass over the rows (thousands of regions × dozens of metrics).
      const columns = Array.from({ length: metricCount }, () => new Float64Array(group.length));
      const counts = new Int32Array(metricCount);
      for (const row of group) {
        const values = row[3];
        for (let index = 0; index < metricCount; index++) {
          const value = values[index];
          if (value !== null) columns[index][counts[index]++] = value;
        }
      }
      return [null, null, year, columns.map((column, index) => middleOf(column.subarray(0, counts[index])))];
    });
}

/** The k-th smallest value (0-based) of `values`, which it reorders: quickselect, linear on average. */
function select(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k];
}

/** The median of `values` (reordered), rounded to six decimal places; null when there are none. */
function middleOf(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const middle = values.length >> 1;
  const upper = select(values, middle);
  // After selecting the middle, everything before it is no larger: the lower middle is their maximum.
  const value = values.length % 2 ? upper : (Math.max(...values.subarray(0, middle)) + upper) / 2;
  return Math.round(value * 1e6) / 1e6;
}
