/** How a metric value reads: percentages for ratios, 万元 for large sums of money, "无数据" for no data. */
import type { Language } from '../metadata/types';
import type { MetricDefinition } from './types';
import { axisUnit, isMoney, isPercent, moneyDivisor } from './units';

export { exportScope, exportedValue, isPercent } from './units';

export const labelOf = (metric: MetricDefinition, language: Language) => (language === 'en' ? metric.labelEn : metric.labelZh);
export const unitOf = (metric: MetricDefinition, language: Language) => (language === 'en' ? metric.unitEn : metric.unitZh);

/** The number a chart plots: a ratio as a percentage, money over 10,000 in 万元. */
export function plotted(metric: MetricDefinition, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return isPercent(metric) ? value * 100 : value;
}

/** The value with its unit, in the console's language; `null` is no data, never 0. */
export function formatMetric(metric: MetricDefinition, value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) return language === 'en' ? 'No data' : '无数据';
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  const number = (amount: number, digits: number) => amount.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (isPercent(metric)) return `${number(value * 100, 1)}%`;
  const unit = unitOf(metric, language);
  if (isMoney(metric)) {
    if (Math.abs(value) >= 10_000) return language === 'en' ? `${number(value / 10_000, 2)} × 10k ${unit}` : `${number(value / 10_000, 2)} 万${unit}`;
    return `${number(value, 2)} ${unit}`;
  }
  return `${number(value, Number.isInteger(value) ? 0 : 2)} ${unit}`;
}

/** A chart tooltip's text for a plotted number (a percentage back to its ratio first). */
export function formatPlotted(metric: MetricDefinition, value: unknown, language: Language): string {
  if (typeof value !== 'number') return formatMetric(metric, null, language);
  return formatMetric(metric, isPercent(metric) ? value / 100 : value, language);
}

/** The axis title of a metric's chart: label and the unit plotted (in ten thousands where the axis is divided). */
export function axisTitle(metric: MetricDefinition, language: Language, divisor = 1): string {
  return `${labelOf(metric, language)}（${axisUnit(unitOf(metric, language), divisor, language)}）`;
}

/** What a metric's value axis is divided by, given the values plotted: money in 万 once large, others as they are. */
export function axisDivisor(metric: MetricDefinition, plottedValues: readonly (number | null | undefined)[]): number {
  if (!isMoney(metric)) return 1;
  return moneyDivisor(Math.max(0, ...plottedValues.map((value) => Math.abs(value ?? 0))));
}

/** Which way is better, as an arrow for headers and legends (none where neither is). */
export const directionMark = (metric: MetricDefinition) => (metric.higherIsBetter === true ? '↑' : metric.higherIsBetter === false ? '↓' : '');
