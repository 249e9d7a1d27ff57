/**
 * Dates as whole day numbers (days since 1900-01-01, UTC), so generators compare and add them with
 * integer arithmetic and turn them into `YYYY-MM-DD` through a cache instead of a Date per row.
 *
 * The synthetic data set is fixed in time: the same seed gives the same rows whatever day it is run, so
 * "now" is the reference date below, not the clock.
 */

const epoch = Date.UTC(1900, 0, 1);
const msPerDay = 86_400_000;

/** The day number of a calendar date (month 1–12). */
export function day(year: number, month: number, dayOfMonth: number): number {
  return Math.round((Date.UTC(year, month - 1, dayOfMonth) - epoch) / msPerDay);
}

/** The last day the synthetic data knows of: nothing happens after it. */
export const referenceDay = day(2026, 9, 30);
/** The year performance records and current funding belong to. */
export const currentYear = 2026;

/** Days from 1930 to 2040: every date the generator writes falls inside. */
const first = day(1930, 1, 1);
const last = day(2040, 12, 31);
const texts: string[] = [];
const years = new Int16Array(last - first + 1);
const plusThreeMonths = new Int32Array(last - first + 1);

function fill(): void {
  for (let d = first; d <= last; d++) {
    const date = new Date(epoch + d * msPerDay);
    texts.push(date.toISOString().slice(0, 10));
    years[d - first] = date.getUTCFullYear();
  }
}

/** `YYYY-MM-DD` of a day number. */
export function iso(dayNumber: number): string {
  if (texts.length === 0) fill();
  const text = texts[dayNumber - first];
  if (text === undefined) throw new RangeError(`day ${dayNumber} is outside the generator's calendar`);
  return text;
}

export function yearOfDay(dayNumber: number): number {
  if (texts.length === 0) fill();
  return years[dayNumber - first];
}

/**
 * Three calendar months later, as the suggestion rules compute the answer deadline: the same day of the
 * month, or that month's last day when it has none (2024-11-30 → 2025-02-28).
 */
export function threeMonthsAfter(dayNumber: number): number {
  const index = dayNumber - first;
  const cached = plusThreeMonths[index];
  if (cached !== 0) return cached;
  const date = new Date(epoch + dayNumber * msPerDay);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 3, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  const result = Math.round((target.getTime() - epoch) / msPerDay);
  plusThreeMonths[index] = result;
  return result;
}

/** Chinese numerals for terms and session numbers (第十八届, 第十二次): 1–99. */
const digitsZh = '零一二三四五六七八九';
export function numeralZh(n: number): string {
  if (n < 10) return digitsZh[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : digitsZh[tens]}十${units === 0 ? '' : digitsZh[units]}`;
}
