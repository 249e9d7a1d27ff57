/**
 * Cell values as a clerk types them, read into what the API takes (issue 19): dates as 2024-03-01, 2024/3/1,
 * 2024.3.1, 2024年3月1日, 20240301, an Excel serial number or the date cell itself; money as 15000, 15,000.00,
 * ￥15000 or 1.5万 (exactly, by moving the decimal point, never through a float); full-width digits and
 * letters, the ideographic space and spaces around; flags as 是/否, Y/N, √/×, TRUE/FALSE, 1/0; enums by
 * label (zh or en) or code. Each answers a value or a refusal in both languages, never a guess.
 */
import type { EnumDef } from '../../schema/shared/define-enum.js';

export type Read<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };

const accept = <T>(value: T): Read<T> => ({ ok: true, value });
const refuse = (zh: string, en: string): Read<never> => ({ ok: false, zh, en });

/** Full-width ASCII (ＡＢＣ１２３，) to ASCII, the ideographic space to a space, spaces around trimmed. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Excel's day count from 1899-12-30 (its 1900 leap-year bug included), as the calendar date it shows. */
function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const datePatterns = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];

export function readDate(value: unknown): Read<string> {
  // A date cell: exceljs gives the day as UTC midnight.
  if (value instanceof Date) {
    const iso = Number.isNaN(value.getTime()) ? undefined : isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return iso ? accept(iso) : refuse('不是有效的日期', 'Not a valid date');
  }
  if (typeof value === 'number') {
    const iso = excelSerialDate(value);
    return iso ? accept(iso) : refuse(`${value} 不是有效的日期`, `${value} is not a valid date`);
  }
  const text = normaliseText(String(value)).replace(/\s+/g, '');
  for (const pattern of datePatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const iso = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
    return iso ? accept(iso) : refuse(`${text} 不是存在的日期`, `${text} is not a day of the calendar`);
  }
  // A serial number typed as text (a CSV saved from a sheet whose dates were numbers).
  if (/^\d{5}$/.test(text)) return readDate(Number(text));
  return refuse(`无法识别的日期“${text}”，请写作 2024-03-01`, `Unrecognised date "${text}": write it as 2024-03-01`);
}

/** Moves a decimal string's point `places` to the right, exactly (1.5 and 4 places: 15000). */
function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
  const digits = whole + fraction.padEnd(places, '0');
  const point = whole.length + places;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${rest ? `.${rest}` : ''}`;
}

const units: Record<string, number> = { 万: 4, 亿: 8 };

/** An exact number as typed: thousands separators, a currency sign or 元, 万 and 亿 multipliers. */
export function readDecimal(value: unknown): Read<string> {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? accept(String(value)) : refuse('不是有效的数字', 'Not a valid number');
  }
  const text = normaliseText(String(value)).replace(/\s+/g, '');
  const match = /^([-+]?)[¥￥]?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万|亿)?元?$/.exec(text);
  if (!match) return refuse(`无法识别的数字“${text}”，请写作 15000 或 1.5万`, `Unrecognised number "${text}": write it as 15000`);
  const plain = `${match[1] === '-' ? '-' : ''}${match[2].replaceAll(',', '')}`;
  return accept(match[3] ? shiftDecimal(plain, units[match[3]]) : plain);
}

export function readInt(value: unknown): Read<number> {
  const read = readDecimal(value);
  if (!read.ok) return read;
  return /^-?\d+$/.test(read.value) && Number.isSafeInteger(Number(read.value)) ? accept(Number(read.value)) : refuse(`“${read.value}”不是整数`, `"${read.value}" is not a whole number`);
}

const yes = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '对', '有']);
const no = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '不', '无']);

export function readBoolean(value: unknown): Read<boolean> {
  if (typeof value === 'boolean') return accept(value);
  const text = normaliseText(String(value)).toUpperCase();
  if (yes.has(text)) return accept(true);
  if (no.has(text)) return accept(false);
  return refuse(`“${text}”应填“是”或“否”`, `"${text}" should be 是 (yes) or 否 (no)`);
}

/** An enum value by its Chinese or English label or its code, in any letter case. */
export function readEnum<V extends string>(value: unknown, def: EnumDef<V>): Read<V> {
  // Both sides normalised: 高中(中专) typed with half-width brackets is the label 高中（中专）.
  const key = (name: string) => normaliseText(name).toLowerCase();
  const text = key(String(value));
  const found = def.options.find((option) => [option.value, option.labelZh, option.labelEn].some((name) => key(name) === text));
  if (found) return accept(found.value);
  const labels = def.options.map((option) => option.labelZh).join('、');
  return refuse(`“${text}”不是${def.labelZh}的可选值（${labels}）`, `"${text}" is not a choice of ${def.labelEn.toLowerCase()} (${def.options.map((option) => option.labelEn).join(', ')})`);
}
