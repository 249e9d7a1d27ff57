/**
 * A leader's home (issue 18, defect 15): the scope's key metrics this year against last, told better or worse
 * by the metric's own direction, and per metric the region furthest from the median, relative to it.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison, MetricDefinition } from '../../admin/src/analysis/types.js';
import { comparedLevel, directionOf, furthestFromMedian, keyChanges } from '../../admin/src/home/keyMetrics.js';

const metric = (key: string, higherIsBetter: boolean | null): MetricDefinition => ({
  key,
  labelZh: key,
  labelEn: key,
  unitZh: '%',
  unitEn: '%',
  kind: 'RATE',
  higherIsBetter,
  descriptionZh: '',
  descriptionEn: '',
});
const catalog = [metric('entryRate', true), metric('vacancies', false), metric('population', null), metric('unused', true)];
const region = (id: string, code: string) => ({ id, name: `区${id}`, code, level: 'COUNTY' });
const city = { id: 'c', name: '平凉市', code: '620800', level: 'CITY' };

const comparison: Comparison = {
  metrics: ['entryRate', 'vacancies', 'population'],
  recomputing: [],
  catchingUp: false,
  parents: [
    { region: city, year: 2023, values: [0.5, 10, 100] },
    { region: city, year: 2024, values: [0.8, 12, 100] },
  ],
  medians: [{ region: null, year: 2024, values: [0.6, 0, 50] }],
  rows: [
    { region: region('1', '620801'), year: 2024, values: [0.3, 3, 50] },
    { region: region('2', '620802'), year: 2024, values: [0.75, 0, 90] },
    { region: region('3', '620803'), year: 2024, values: [0.6, 1, null] },
    { region: region('1', '620801'), year: 2023, values: [0.9, 9, 500] },
  ],
};

describe('key metrics', () => {
  it('say better or worse by the direction the metric prefers, neutral where it has none or nothing changed', () => {
    expect(directionOf(catalog[0], 0.5, 0.8)).toBe('better');
    expect(directionOf(catalog[1], 10, 12)).toBe('worse');
    expect(directionOf(catalog[2], 1, 2)).toBe('neutral');
    expect(directionOf(catalog[0], 0.5, 0.5)).toBe('neutral');
    expect(directionOf(catalog[0], null, 0.5)).toBe('neutral');
  });

  it('give the scope itself this year and last, in the comparison order', () => {
    expect(keyChanges(catalog, comparison, 'c', 2024).map(({ metric: { key }, current, previous, direction }) => ({ key, current, previous, direction }))).toEqual([
      { key: 'entryRate', current: 0.8, previous: 0.5, direction: 'better' },
      { key: 'vacancies', current: 12, previous: 10, direction: 'worse' },
      { key: 'population', current: 100, previous: 100, direction: 'neutral' },
    ]);
    // A year with no row yet: no value, last year's as it was, neither better nor worse.
    expect(keyChanges(catalog, comparison, 'c', 2025).map(({ current, previous, direction }) => [current, previous, direction])).toEqual([
      [null, 0.8, 'neutral'],
      [null, 12, 'neutral'],
      [null, 100, 'neutral'],
    ]);
  });

  it('find per metric the region furthest from the median, relative to it, of the year asked', () => {
    const outliers = furthestFromMedian(catalog, comparison, 2024);
    // entryRate: 区1 is 50 % below 0.6, 区2 25 % above; population: 区2 80 % above 50; vacancies: median 0 says nothing relative.
    expect(outliers.map(({ metric: { key }, region: { name }, value, median, direction }) => ({ key, name, value, median, direction }))).toEqual([
      { key: 'population', name: '区2', value: 90, median: 50, direction: 'neutral' },
      { key: 'entryRate', name: '区1', value: 0.3, median: 0.6, direction: 'worse' },
    ]);
    expect(furthestFromMedian(catalog, comparison, 2023)).toEqual([]);
  });

  it('compare a county’s townships, and the counties of a city or province', () => {
    expect(comparedLevel('COUNTY')).toBe('TOWNSHIP');
    expect(comparedLevel('CITY')).toBe('COUNTY');
    expect(comparedLevel('PROVINCE')).toBe('COUNTY');
  });
});
