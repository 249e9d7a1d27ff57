/** Terms (届) as readers write them (issue 22): the shared formatter the console, exports and group labels use. */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, englishOrdinal, formatTerm, parseChineseNumeral, parseTerm } from '../schema/shared/term.js';

describe('formatTerm', () => {
  it.each([
    [1, '第一届', '1st'],
    [2, '第二届', '2nd'],
    [3, '第三届', '3rd'],
    [5, '第五届', '5th'],
    [10, '第十届', '10th'],
    [11, '第十一届', '11th'],
    [12, '第十二届', '12th'],
    [13, '第十三届', '13th'],
    [18, '第十八届', '18th'],
    [20, '第二十届', '20th'],
    [21, '第二十一届', '21st'],
    [22, '第二十二届', '22nd'],
    [99, '第九十九届', '99th'],
    [100, '第一百届', '100th'],
    [101, '第一百零一届', '101st'],
    [110, '第一百一十届', '110th'],
    [111, '第一百一十一届', '111th'],
  ])('%i is %s, %s', (value, zh, en) => {
    expect(formatTerm(value, 'zh')).toBe(zh);
    expect(formatTerm(value, 'en')).toBe(en);
    expect(formatTerm(String(value), 'zh')).toBe(zh);
  });

  it('leaves no value empty and what is no term as it is', () => {
    expect(formatTerm(null, 'zh')).toBe('');
    expect(formatTerm(undefined, 'en')).toBe('');
    expect(formatTerm(0, 'zh')).toBe('0');
    expect(formatTerm('x', 'zh')).toBe('x');
    expect(formatTerm(1.5, 'en')).toBe('1.5');
  });

  it('writes numerals with inner zeros and thousands', () => {
    expect(chineseNumeral(0)).toBe('零');
    expect(chineseNumeral(1005)).toBe('一千零五');
    expect(chineseNumeral(1010)).toBe('一千零一十');
    expect(chineseNumeral(2024)).toBe('二千零二十四');
    expect(englishOrdinal(1001)).toBe('1001st');
    expect(() => chineseNumeral(-1)).toThrow(RangeError);
  });

  it('reads every term it writes back, in both languages, and the ways clerks write them', () => {
    for (let value = 1; value <= 120; value++) {
      expect(parseTerm(formatTerm(value, 'zh')), String(value)).toBe(value);
      expect(parseTerm(formatTerm(value, 'en')), String(value)).toBe(value);
    }
    expect(parseTerm('十八届')).toBe(18);
    expect(parseTerm('第18届')).toBe(18);
    expect(parseTerm(' 18 ')).toBe(18);
    expect(parseTerm('二十')).toBe(20);
    expect(parseChineseNumeral('两千零二十四')).toBe(2024);
    for (const text of ['第届', '十八八', '百十', 'abc', '第十八次', '']) expect(parseTerm(text), text).toBeNull();
  });
});
