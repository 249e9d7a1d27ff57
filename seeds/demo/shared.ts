/** Small helpers the demo generators share: the time frame, exact splits and quotas, money, dates, Chinese numerals. */
import type { Random } from '../random.js';

/** The day the demo data set describes: nothing happens after it. */
export const referenceDate = '2024-12-31';
/** "Since 2019" in the published figures. */
export const since = '2019-01-01';
export const years = [2019, 2020, 2021, 2022, 2023, 2024] as const;

/** Splits `total` into integers proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((weight) => (total * weight) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left-- <= 0) break;
    parts[index] += 1;
  }
  return parts;
}

/** Exactly `count` of the indices 0…n-1, chosen at random: quotas make rates exact rather than approximate. */
export function quota(random: Random, n: number, count: number): Set<number> {
  return new Set(random.sample([...Array(n).keys()], Math.max(0, Math.min(n, count))));
}

/** A count around `mean` (never negative): the mean's whole part plus one with the fraction's probability, jittered. */
export function around(random: Random, mean: number, spread = 0.3): number {
  const jittered = mean * (1 - spread + 2 * spread * random.next());
  const whole = Math.floor(jittered);
  return whole + (random.chance(jittered - whole) ? 1 : 0);
}

/** Money as the database's exact decimal text, from an amount in yuan: 1500 → '1500.00'. */
export function yuan(amount: number): string {
  const cents = Math.round(amount * 100);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A score with one decimal as text: 86.54 → '86.5'. */
export function score(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

export const minDate = (...dates: string[]) => dates.reduce((a, b) => (a < b ? a : b));
export const maxDate = (...dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));

/** Whether a seat, assignment or membership running from `start` to `end` (null: open) covers `date`. */
export const covers = (start: string, end: string | null | undefined, date: string) => start <= date && (end == null || end >= date);

const digits = '零一二三四五六七八九';

/** 18 → 十八, 5 → 五, 23 → 二十三: term and meeting numbers as written in session names. */
export function zhNumber(n: number): string {
  if (n < 10) return digits[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}

/** A name without its administrative suffix: 灵台县 → 灵台, 城关区 → 城关, 华亭市 → 华亭, 吉县 → 吉县. */
export function shortName(name: string): string {
  return name.length > 2 ? name.replace(/(县|区|市|镇|乡|街道)$/, '') : name;
}

/** A coordinate with six decimals, as the decimal(9,6) columns hold it. */
export const coordinate = (value: number) => value.toFixed(6);
