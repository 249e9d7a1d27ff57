/** Values as a clerk types them into a spreadsheet (issue 19), read exactly or refused in both languages. */
import { describe, expect, it } from 'vitest';
import { DeputyLevel, Education } from '../../schema/shared/enums.js';
import { normaliseText, readBoolean, readDate, readDecimal, readEnum, readInt } from '../../server/import/cell-values.js';

const value = <T>(read: { ok: true; value: T } | { ok: false; zh: string; en: string }) => (read.ok ? read.value : { refused: read.zh });

describe('reading cells', () => {
  it('reads dates as people write them, and Excel’s own', () => {
    for (const text of ['2024-03-01', '2024/3/1', '2024.3.1', '2024年3月1日', '2024年03月01', '20240301', ' ２０２４－０３－０１ ', '45352']) {
      expect(value(readDate(text)), text).toBe('2024-03-01');
    }
    expect(value(readDate(45352))).toBe('2024-03-01');
    expect(value(readDate(new Date(Date.UTC(2024, 2, 1))))).toBe('2024-03-01');
    // Excel's 1900 leap-year bug: serial 61 is 1900-03-01.
    expect(value(readDate(61))).toBe('1900-03-01');
  });

  it('refuses a date that is not one, saying how to write it', () => {
    expect(value(readDate('2023-02-29'))).toEqual({ refused: '2023-02-29 不是存在的日期' });
    expect(value(readDate('三月一日'))).toEqual({ refused: '无法识别的日期“三月一日”，请写作 2024-03-01' });
    const english = readDate('next week');
    expect(english.ok ? '' : english.en).toMatch(/2024-03-01/);
  });

  it('reads money exactly: separators, currency signs, 万 and 亿, full-width digits', () => {
    const cases: [unknown, string][] = [
      ['15000', '15000'],
      ['15,000.00', '15000.00'],
      ['￥15,000', '15000'],
      ['1.5万', '15000'],
      ['1.2345万元', '12345'],
      ['0.00015万', '1.5'],
      ['3亿', '300000000'],
      ['１５０００', '15000'],
      ['-2.5万', '-25000'],
      [15000.5, '15000.5'],
    ];
    for (const [input, expected] of cases) expect(value(readDecimal(input)), String(input)).toBe(expected);
    for (const bad of ['1.5e4', '15,00', '十五万', '1.5万万', '']) expect(readDecimal(bad).ok, bad).toBe(false);
  });

  it('reads whole numbers, refusing fractions', () => {
    expect(value(readInt('1,200'))).toBe(1200);
    expect(value(readInt('1.2万'))).toBe(12000);
    expect(readInt('2.5').ok).toBe(false);
  });

  it('reads flags in the words people use', () => {
    for (const text of ['是', 'Y', 'yes', 'TRUE', '1', '√']) expect(value(readBoolean(text)), text).toBe(true);
    for (const text of ['否', 'n', 'False', '0', '×']) expect(value(readBoolean(text)), text).toBe(false);
    expect(readBoolean('也许').ok).toBe(false);
  });

  it('reads enums by Chinese or English label or code, naming the choices when it cannot', () => {
    const [first] = DeputyLevel.options;
    for (const text of [first.labelZh, first.labelEn.toUpperCase(), first.value.toLowerCase(), ` ${first.labelZh} `]) expect(value(readEnum(text, DeputyLevel)), text).toBe(first.value);
    // Brackets typed half-width or full-width alike.
    expect(value(readEnum('高中(中专)', Education))).toBe(value(readEnum('高中（中专）', Education)));
    expect(readEnum('高中(中专)', Education).ok).toBe(true);
    const refused = readEnum('省长', DeputyLevel);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.zh).toContain(first.labelZh);
  });

  it('normalises full-width letters and the ideographic space', () => {
    expect(normaliseText('\u3000ＡＢＣ　１２３ ')).toBe('ABC 123');
  });
});
