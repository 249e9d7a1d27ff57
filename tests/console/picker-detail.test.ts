/**
 * A picker's option names an ended region as ended (issue 22): an end date of a model's ranges (a region's
 * 失效日期) shows with its label, any other detail as it is.
 */
import { describe, expect, it } from 'vitest';
import { pickerDetail } from '../../admin/src/fields/pickerDetail.js';

const region = { ranges: [{ start: 'validFrom', end: 'validTo' }] };
const validTo = { name: 'validTo', labelZh: '失效日期', labelEn: 'Valid to' };
const code = { name: 'code', labelZh: '区划代码', labelEn: 'Division code' };

describe('a picker detail', () => {
  it('labels the end of a range, in the console’s language', () => {
    expect(pickerDetail(region, validTo, '2021年10月31日', 'zh')).toBe('失效日期 2021年10月31日');
    expect(pickerDetail(region, validTo, 'Oct 31, 2021', 'en')).toBe('Valid to Oct 31, 2021');
  });

  it('shows nothing for a current region (no end), and any other detail as it is', () => {
    expect(pickerDetail(region, validTo, '', 'zh')).toBe('');
    expect(pickerDetail(region, code, '141028202', 'zh')).toBe('141028202');
    expect(pickerDetail({ ranges: [] }, validTo, '2021年10月31日', 'zh')).toBe('2021年10月31日');
  });
});
