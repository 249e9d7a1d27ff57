/**
 * A congress's term (届) as its readers write it: 第十八届 in Chinese, "18th" in English — in the console, in
 * exports and in a chart's group labels alike (fields whose metadata says `display: term`). Decorator-free: the
 * server and the console share it. Only the display changes: the stored and filtered value stays the number.
 */

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const units = ['', '十', '百', '千'];

/** A whole number 0–9999 in Chinese numerals as a count is read: 10 十, 18 十八, 21 二十一, 100 一百, 101 一百零一, 110 一百一十. */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 9999) throw new RangeError(`chineseNumeral takes a whole number 0–9999, not ${value}`);
  if (value === 0) return digits[0];
  const places = String(value).split('').map(Number).reverse();
  let text = '';
  let zeroPending = false;
  for (let place = places.length - 1; place >= 0; place--) {
    const digit = places[place];
    if (digit === 0) {
      zeroPending = text !== '';
      continue;
    }
    if (zeroPending) text += digits[0];
    zeroPending = false;
    // 十 alone for 10–19 at the head of the number (十八, not 一十八); 一十 inside a larger one (一百一十).
    text += (digit === 1 && place === 1 && text === '' ? '' : digits[digit]) + units[place];
  }
  return text;
}

/** An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st. */
export function englishOrdinal(value: number): string {
  const lastTwo = value % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[value % 10] ?? 'th');
  return `${value}${suffix}`;
}

/** A term number as shown: 第十八届 / 18th; empty for no value, the value as it is when it is not a whole number ≥ 1. */
export function formatTerm(value: number | string | null | undefined, language: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 9999) return String(value);
  return language === 'en' ? englishOrdinal(number) : `第${chineseNumeral(number)}届`;
}

const digitValues: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const unitValues: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals (十八, 二十一, 一百零一) as a number, or null when the text is not one. */
export function parseChineseNumeral(text: string): number | null {
  if (!text || ![...text].every((char) => char in digitValues || char in unitValues)) return null;
  let total = 0;
  let pending: number | null = null;
  for (const char of text) {
    if (char in digitValues) {
      if (pending !== null && pending !== 0) return null; // two digits in a row (十八八)
      pending = digitValues[char];
    } else {
      // 十 alone at the head is one ten (十八); a unit after a unit is not a numeral.
      if (pending === 0) return null;
      total += (pending ?? (total === 0 ? 1 : NaN)) * unitValues[char];
      pending = null;
    }
  }
  const value = total + (pending ?? 0);
  return Number.isFinite(value) ? value : null;
}

/**
 * A term as a reader writes it back (an exported sheet re-imported, a clerk's own): 18, 第十八届, 十八届, 第18届,
 * 18th — the number, or null when the text says no term.
 */
export function parseTerm(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, '');
  const english = /^(\d+)(st|nd|rd|th)?$/i.exec(trimmed);
  if (english) return Number(english[1]);
  const chinese = /^第?(.+?)届?$/.exec(trimmed);
  if (!chinese) return null;
  return /^\d+$/.test(chinese[1]) ? Number(chinese[1]) : parseChineseNumeral(chinese[1]);
}
