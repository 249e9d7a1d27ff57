/**
 * The moment `--until` names: "2025-03-01 14:30" (seconds and fractions optional) in China time unless it ends
 * with an offset or Z, since the office that asks knows when its clerk erred by the wall clock in China.
 */
import { BackupRefused } from './backup-refused.js';

const pattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2}(?:\.\d{1,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseUntil(text: string): Date {
  const match = pattern.exec(text.trim());
  const offset = match?.[4] ? (match[4] === 'Z' ? 'Z' : match[4].length === 3 ? `${match[4]}:00` : match[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  const at = match ? new Date(`${match[1]}T${match[2]}${match[3] ?? ':00'}${offset}`) : new Date(NaN);
  // Date rolls 30 February over into March: a day the calendar lacks is refused, not moved.
  const [year, month, day] = (match?.[1] ?? '').split('-').map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(at.getTime()) || calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    throw new BackupRefused(`--until 应形如 "2025-03-01 14:30"（北京时间），收到 "${text}"`, `--until must look like "2025-03-01 14:30" (China time, or with an offset), got "${text}"`);
  }
  return at;
}
