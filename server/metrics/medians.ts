/**
 * The group's median of each metric per year, computed from the rows the statement already returned
 * (PostgreSQL's percentile_cont(0.5) semantics: no-data values left out, the mean of the two middle values
 * for an even count, null when nothing has data), rounded like the values to six decimal places.
 * Selecting the middle of 24 columns of a few thousand numbers here costs less than the ordered-set
 * aggregates did in SQL.
 */

/** A median row: the year (null for a period) and each metric's median. */
export type MedianRow = { year: number | null; values: (number | null)[] };

/**
 * One median row per year, each metric's median across the compared regions: `values` holds every value
 * of the rows year by year (`years` in order), year i `regions[i]` rows of `metricCount` values (a region is
 * a row only of the years it was valid in, so the years' counts may differ).
 */
export function medianRows(values: ArrayLike<number | null>, years: readonly (number | null)[], regions: readonly number[], metricCount: number): MedianRow[] {
  if (regions.every((count) => count === 0)) return [];
  let at = 0;
  return years.map((year, yearIndex) => {
    // One typed column per metric, filled in one pass over the year's rows (thousands of regions × dozens of metrics).
    const columns = Array.from({ length: metricCount }, () => new Float64Array(regions[yearIndex]));
    const counts = new Int32Array(metricCount);
    for (let row = 0; row < regions[yearIndex]; row++) {
      for (let index = 0; index < metricCount; index++) {
        const value = values[at++];
        if (value !== null) columns[index][counts[index]++] = value;
      }
    }
    return { year, values: columns.map((column, index) => middleOf(column.subarray(0, counts[index]))) };
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
