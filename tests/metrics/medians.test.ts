/** The group medians, worked out by hand: odd and even counts, no-data values left out, a year apart. */
import { describe, expect, it } from 'vitest';
import { medianRows } from '../../server/metrics/medians.js';

describe('medianRows', () => {
  it('takes the middle value, the mean of the two middle ones, and null when nothing has data, year by year', () => {
    // Three regions × four metrics, 2023 then 2024 (the order the statement gives them).
    const values = [
      [10, 20, null, 40],
      [12, null, null, 1],
      [11, 22, null, 2],
      [3, 1, null, 0.1234564],
      [1, 4, null, 0.1234566],
      [2, null, null, 7],
    ].flat();
    expect(medianRows(values, [2023, 2024], [3, 3], 4)).toEqual([
      // 2023: 10, 11, 12 → 11; 20, 22 → 21; none → null; 1, 2, 40 → 2
      { year: 2023, values: [11, 21, null, 2] },
      // 2024: 3 values → the middle; 2 values → their mean; none → null; 0.1234566 (of 0.1234564, 0.1234566, 7) rounded to six places
      { year: 2024, values: [2, 2.5, null, 0.123457] },
    ]);
  });

  it('gives one period row (no year) for a period comparison, and none when no region is compared', () => {
    expect(medianRows([1, 5, -2, 4], [null], [4], 1)).toEqual([{ year: null, values: [2.5] }]);
    expect(medianRows([], [2024], [0], 3)).toEqual([]);
  });

  it("takes each year's own rows when the years compare different regions (a township ended, its successor new)", () => {
    // 2020: three regions; 2021: two (one ended); 2022: one.
    const values = [1, 2, 30, /* 2021 */ 4, 50, /* 2022 */ 6];
    expect(medianRows(values, [2020, 2021, 2022], [3, 2, 1], 1)).toEqual([
      { year: 2020, values: [2] },
      { year: 2021, values: [27] },
      { year: 2022, values: [6] },
    ]);
  });
});
