/** The group medians, worked out by hand: odd and even counts, no-data values left out, a year apart. */
import { describe, expect, it } from 'vitest';
import { medianRows } from '../../server/metrics/medians.js';
import type { ComparisonTuple } from '../../server/metrics/compare.js';

const row = (year: number | null, values: (number | null)[]): ComparisonTuple => ['1', null, year, values];

describe('medianRows', () => {
  it('takes the middle value, the mean of the two middle ones, and null when nothing has data', () => {
    const rows = [row(2024, [3, 1, null, 0.1234564]), row(2024, [1, 4, null, 0.1234566]), row(2024, [2, null, null, 7]), row(2023, [10, 20, 30, 40])];
    expect(medianRows(rows, 4)).toEqual([
      [null, null, 2023, [10, 20, 30, 40]],
      // 3 values → the middle; 2 values → their mean; none → null; 0.1234566 (of 0.1234564, 0.1234566, 7) rounded to six places
      [null, null, 2024, [2, 2.5, null, 0.123457]],
    ]);
  });

  it('gives one period row (no year) for a period comparison', () => {
    expect(medianRows([row(null, [1]), row(null, [5]), row(null, [-2]), row(null, [4])], 1)).toEqual([[null, null, null, [2.5]]]);
  });
});
