/**
 * How tall a comparison's bar chart is drawn: vertical bars up to 12 regions, past that a horizontal band per
 * region (thicker with more years); and how many regions fit a given height — a report's chart must fit one
 * A4 sheet, so it shows the best regions that do. Pure and free of imports, so `npm test` covers it.
 */
export const horizontalFrom = 12;

/** The drawing's height in pixels for `regions` bar groups of `years` bars. */
export const barChartHeight = (regions: number, years: number) => (regions > horizontalFrom ? Math.max(320, regions * Math.max(18, years * 10) + 80) : 340);

/** The most regions a chart of `years` shows within `height`: 0 when all of them fit. */
export function regionsFitting(regions: number, years: number, height: number): number {
  if (barChartHeight(regions, years) <= height) return 0;
  return Math.max(1, Math.floor((height - 80) / Math.max(18, years * 10)));
}
