/**
 * Spreadsheet formula injection (CWE-1236, OWASP "CSV Injection"): a cell whose text begins with = + - @, a
 * tab or a carriage return (or their full-width forms, which Apple Numbers folds) is run as a formula by
 * Excel and WPS — a person named `=HYPERLINK("http://…","点此")` would become a link in the clerk's roster.
 * Every CSV and xlsx the product writes, on the server and in the console, passes its text through here:
 * such text gets a leading apostrophe, so it reads as the text it is. A plain number (-12.5) is left alone.
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export function safeCellText(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/** How wide a text reads in a spreadsheet's character units (column widths): a Chinese character takes two. */
export const displayWidth = (text: string) => [...text].reduce((width, char) => width + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

/** A sheet's name: at most 31 characters, none of those Excel forbids. */
export const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
