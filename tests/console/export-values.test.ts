/** Chart downloads: values as the console shows them, under headers that name the unit, in files named after the comparison. */
import { describe, expect, it } from 'vitest';
import { exportScope, exportedValue } from '../../admin/src/analysis/units.js';

const metric = (unitZh: string) => ({ unitZh });

describe('exported values', () => {
  it('gives a ratio as its percentage to one decimal', () => {
    expect(exportedValue(metric('%'), 0.371257)).toBe(37.1);
    expect(exportedValue(metric('%'), 1)).toBe(100);
    expect(exportedValue(metric('%'), 0)).toBe(0);
  });
  it('gives money to the fen and counts as they are, and no data as an empty cell', () => {
    expect(exportedValue(metric('元'), 238160.004)).toBe(238160);
    expect(exportedValue(metric('元'), 1500.5)).toBe(1500.5);
    expect(exportedValue(metric('人'), 1498)).toBe(1498);
    expect(exportedValue(metric('%'), null)).toBe('');
    expect(exportedValue(metric('人'), undefined)).toBe('');
  });
});

describe('download names', () => {
  it('name where, which level and which years', () => {
    expect(exportScope({ parent: '平凉市', level: '县级', years: [2022, 2023, 2024], period: null })).toBe('平凉市-县级-2022至2024');
    expect(exportScope({ parent: '平凉市', level: '县级', years: [2024], period: null })).toBe('平凉市-县级-2024');
    expect(exportScope({ parent: null, level: 'Counties', years: [], period: { from: '2023-01-01', to: '2024-06-30' } }, '_to_')).toBe('Counties-2023-01-01_to_2024-06-30');
  });
});
