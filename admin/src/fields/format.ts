/** Display formats the secretariat expects: 2024年3月1日, 1,500.00 元; exact strings, never floats. */
import type { Language } from '../metadata/types';

const zone = 'Asia/Shanghai';

/** A `Date` scalar (2024-03-01) as 2024年3月1日 or Mar 1, 2024; anything else unchanged. */
export function formatDate(value: unknown, language: Language): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (language === 'zh') return `${year}年${Number(month)}月${Number(day)}日`;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

/** A `DateTime` scalar in Beijing time: 2024年3月1日 14:05 or Mar 1, 2024, 2:05 PM. */
export function formatDateTime(value: unknown, language: Language): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(date)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  if (language === 'zh') return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`, 'zh')} ${parts.hour}:${parts.minute}`;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(date);
}

/** Groups the integer digits of a decimal string by thousands: 1234567.5 → 1,234,567.5. */
export function groupThousands(value: string): string {
  const [integer, fraction] = value.split('.');
  const sign = integer.startsWith('-') ? '-' : '';
  const digits = integer.replace(/^-/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Counts group by thousands (5,000,000), but years and terms read badly as 2,024: numbers under 10,000 stay as they are. */
export const groupsThousands = (value: number) => Math.abs(value) >= 10_000;

/** An integer as the screens show it: 123,456 but 2024. */
export const formatInt = (value: number) => (groupsThousands(value) ? groupThousands(String(value)) : String(value));

/** Pads or keeps a plain decimal string to `scale` decimals without rounding through floats. */
export function withScale(value: string, scale: number): string {
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const fraction = (match[2] ?? '').padEnd(scale, '0');
  return scale === 0 ? match[1] : `${match[1]}.${fraction}`;
}

/** An amount as 1,500.00 元 (Chinese) or CNY 1,500.00 (English). */
export function formatMoney(value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return '';
  const grouped = groupThousands(withScale(String(value), 2));
  return language === 'zh' ? `${grouped} 元` : `CNY ${grouped}`;
}

/** Removes the separators a user or the money input added: 1,500.00 → 1500.00. */
export const ungroup = (value: string) => value.replace(/[,，\s]/g, '');
