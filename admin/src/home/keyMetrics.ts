/**
 * What a leader's home says of their scope (issue 18, defect 15), from one comparison: each key metric for the
 * scope itself this year against last, and per metric the region furthest from the group's median — the
 * questions a leader opens the analysis page for, answered before they do. Pure, so `npm test` covers it.
 */
import type { Comparison, MetricDefinition, RegionRef } from '../analysis/types.js';

/** Whether a change is for the better, for the worse, or neither (no direction, no change, no data). */
export type Direction = 'better' | 'worse' | 'neutral';

export type KeyChange = { metric: MetricDefinition; current: number | null; previous: number | null; direction: Direction };

export type Outlier = { metric: MetricDefinition; region: RegionRef; value: number; median: number; direction: Direction };

/** Which way `from` → `to` goes for a metric: better where it moves the way the metric prefers. */
export function directionOf(metric: MetricDefinition, from: number | null, to: number | null): Direction {
  if (from === null || to === null || from === to || metric.higherIsBetter === null) return 'neutral';
  return to > from === metric.higherIsBetter ? 'better' : 'worse';
}

const metricsOf = (catalog: readonly MetricDefinition[], comparison: Comparison) =>
  comparison.metrics.map((key, index) => ({ metric: catalog.find((item) => item.key === key), index })).filter((entry): entry is { metric: MetricDefinition; index: number } => Boolean(entry.metric));

/** Each metric for the scope region itself (the comparison's parent row) in `year` and the year before. */
export function keyChanges(catalog: readonly MetricDefinition[], comparison: Comparison, scopeId: string, year: number): KeyChange[] {
  const valueIn = (at: number, index: number) => comparison.parents.find((row) => row.region?.id === scopeId && row.year === at)?.values[index] ?? null;
  return metricsOf(catalog, comparison).map(({ metric, index }) => {
    const [current, previous] = [valueIn(year, index), valueIn(year - 1, index)];
    return { metric, current, previous, direction: directionOf(metric, previous, current) };
  });
}

/**
 * Per metric, the region whose value in `year` lies furthest from the median, relative to it (a median of 0
 * or none says nothing relative: the metric is left out), furthest first.
 */
export function furthestFromMedian(catalog: readonly MetricDefinition[], comparison: Comparison, year: number): Outlier[] {
  const outliers: (Outlier & { distance: number })[] = [];
  for (const { metric, index } of metricsOf(catalog, comparison)) {
    const median = comparison.medians.find((row) => row.year === year)?.values[index] ?? null;
    if (median === null || median === 0) continue;
    let furthest: (Outlier & { distance: number }) | undefined;
    for (const row of comparison.rows) {
      const value = row.values[index];
      if (row.year !== year || !row.region || value === null) continue;
      const distance = Math.abs(value - median) / Math.abs(median);
      if (distance > 0 && (!furthest || distance > furthest.distance || (distance === furthest.distance && row.region.code < furthest.region.code))) {
        furthest = { metric, region: row.region, value, median, distance, direction: directionOf(metric, median, value) };
      }
    }
    if (furthest) outliers.push(furthest);
  }
  return outliers.sort((a, b) => b.distance - a.distance).map(({ distance: _distance, ...outlier }) => outlier);
}

/** The level a scope's regions are compared at: the counties of a province or city, the townships of a county. */
export const comparedLevel = (scopeLevel: string) => (scopeLevel === 'COUNTY' ? 'TOWNSHIP' : 'COUNTY');
