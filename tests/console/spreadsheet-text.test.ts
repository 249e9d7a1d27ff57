/** Formula injection (issue 19): text a spreadsheet would run gets a leading apostrophe; numbers and plain text stay. */
import { describe, expect, it } from 'vitest';
import { safeCellText } from '../../schema/shared/spreadsheet-text.js';

describe('safeCellText', () => {
  it('neutralises what Excel, WPS or Numbers would read as a formula', () => {
    for (const text of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '＝1', '＋1', '－1', '＠A1', '=HYPERLINK("http://x","y")']) {
      expect(safeCellText(text), JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it('leaves plain numbers and ordinary text as they are', () => {
    for (const text of ['-12.5', '-3', '0', '王秀兰', 'a=b', '1+1', '', "'=already"]) expect(safeCellText(text)).toBe(text);
  });
});
