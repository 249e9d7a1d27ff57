/**
 * What a metric's unit means for its numbers, and how its values and scope leave the console in downloads.
 * Free of imports, so the console's pure logic is tested in `npm test` as it is.
 */
type Unit = { unitZh: string };

/** A ratio, shown as a percentage. */
export const isPercent = (metric: Unit) => metric.unitZh === '%';
/** An amount of money (元), shown in 万元 when large. */
export const isMoney = (metric: Unit) => metric.unitZh.startsWith('元');

/**
 * A value as a spreadsheet cell, the number the console shows without its unit (the header names the
 * unit): a ratio as its percentage to one decimal (37.1 under "%"), money to the fen, counts as they are;
 * an empty cell for no data.
 */
export function exportedValue(metric: Unit, value: number | null | undefined): number | '' {
  if (value === null || value === undefined) return '';
  if (isPercent(metric)) return Math.round(value * 1000) / 10;
  return Math.round(value * 100) / 100;
}

/** What a download's name says of the comparison: where, which level, which years ("平凉市-县级-2022至2024"). */
export function exportScope(parts: { parent: string | null; level: string; years: readonly number[]; period: { from: string; to: string } | null }, separator = '至'): string {
  const when = parts.period
    ? `${parts.period.from}${separator}${parts.period.to}`
    : parts.years.length > 1
      ? `${Math.min(...parts.years)}${separator}${Math.max(...parts.years)}`
      : String(parts.years[0] ?? '');
  return [parts.parent, parts.level, when].filter(Boolean).join('-');
}

/**
 * What a money axis is divided by: 10,000 once its largest value reaches it, so that its ticks read in 万元
 * like the tooltips beside them (65 under a 万元 title, not 650000), else 1 (元).
 */
export const moneyDivisor = (largest: number) => (Math.abs(largest) >= 10_000 ? 10_000 : 1);

/** An axis tick: the value over the axis's divisor, grouped by thousands, at most two decimals. */
export const axisTick = (value: number, divisor: number, locale: string) => (value / divisor).toLocaleString(locale, { maximumFractionDigits: 2 });

/** The unit an axis title names: the unit itself, or in ten thousands where the axis is divided (万元, 10k yuan). */
export const axisUnit = (unit: string, divisor: number, language: 'zh' | 'en') => (divisor === 1 ? unit : language === 'en' ? `10k ${unit}` : `万${unit}`);
