/** Reshapes a comparison for the charts: per metric, per region, per year; ranks by the better direction. */
import type { Comparison, ComparisonRow, MetricDefinition } from './types';

export type RegionSeries = { id: string; name: string; code: string; level: string; byYear: Map<number | null, (number | null)[]> };

export function regionsOf(comparison: Comparison): RegionSeries[] {
  const regions = new Map<string, RegionSeries>();
  for (const row of comparison.rows) {
    if (!row.region) continue;
    let series = regions.get(row.region.id);
    if (!series) {
      series = { ...row.region, byYear: new Map() };
      regions.set(row.region.id, series);
    }
    series.byYear.set(row.year, row.values);
  }
  return [...regions.values()];
}

/** The years (or the one period row, year null) the comparison covers, in order. */
export const yearsOf = (comparison: Comparison): (number | null)[] => [...new Set(comparison.rows.map((row) => row.year))].sort((a, b) => (a ?? 0) - (b ?? 0));

export const valueAt = (rows: ComparisonRow[], year: number | null, index: number) => rows.find((row) => row.year === year)?.values[index] ?? null;

/** Regions ordered best first on a metric in a year (no data last); by code where neither is better. */
export function ranked(regions: RegionSeries[], index: number, year: number | null, metric: MetricDefinition): RegionSeries[] {
  const value = (region: RegionSeries) => region.byYear.get(year)?.[index] ?? null;
  const direction = metric.higherIsBetter === false ? 1 : -1;
  return [...regions].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === null ? (y === null ? a.code.localeCompare(b.code) : 1) : -1;
    return x === y ? a.code.localeCompare(b.code) : (x - y) * direction;
  });
}

/** Series colours that stay apart in print and for colour-blind readers (Okabe–Ito). */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999', '#882255'];
