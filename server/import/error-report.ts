/**
 * A dry run's refused rows as a workbook the clerk corrects and imports again: the header row as sent, each
 * refused row with its cells as typed, every offending cell filled red with the problem as its note, and a
 * last column 问题 listing every problem of the row (file-level problems on a sheet of their own). The 问题
 * column is left out when the corrected file comes back (mapping.ts).
 */
import ExcelJS from 'exceljs';
import { displayWidth, sheetName } from '../../schema/shared/spreadsheet-text.js';
import type { ImportReport } from '../../schema/shared/import-report.js';
import type { Language } from '../graphql/language.js';
import { cellText } from './import-run.js';
import { problemsHeader } from './mapping.js';
import type { RawCell, SheetRow } from './read-sheet.js';

const offending: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/** A cell as it was sent: a formula as its text, an error value as itself. */
function asSent(cell: RawCell | undefined): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) return 'formula' in cell ? `=${cell.formula}` : cell.error;
  return cell;
}

export async function writeErrorReport(rows: AsyncIterable<SheetRow>, report: ImportReport, title: string, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  const message = (issue: { zh: string; en: string }) => (language === 'en' ? issue.en : issue.zh);
  const byRow = new Map<number, ImportReport['issues']>();
  for (const issue of report.issues) if (issue.row !== null) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  let headers: string[] | undefined;
  for await (const { row, cells } of rows) {
    if (!headers) {
      // The headers as the import read them, so that an issue's column names its cell here too.
      headers = cells.map(cellText);
      const header = sheet.addRow([...headers, problemsHeader[language]]);
      header.font = { bold: true };
      continue;
    }
    const issues = byRow.get(row);
    if (!issues) continue;
    const written = sheet.addRow([...headers.map((_, index) => asSent(cells[index])), issues.map(message).join(language === 'en' ? '; ' : '；')]);
    for (const issue of issues) {
      const index = issue.column === null ? -1 : headers.indexOf(issue.column);
      if (index < 0) continue;
      const cell = written.getCell(index + 1);
      cell.fill = offending;
      cell.note = message(issue);
    }
  }
  const widths = [...(headers ?? []), problemsHeader[language]].map((header) => Math.min(40, Math.max(10, displayWidth(header) + 4)));
  sheet.columns.forEach((column, index) => (column.width = index === widths.length - 1 ? 60 : widths[index]));
  const general = report.issues.filter((issue) => issue.row === null);
  if (general.length) {
    const notes = workbook.addWorksheet(language === 'en' ? 'File problems' : '文件问题');
    for (const issue of general) notes.addRow([message(issue)]);
    notes.getColumn(1).width = 80;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
