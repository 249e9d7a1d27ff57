/**
 * `POST /export/table { title, headers, rows, filename }`: a table the console shows — a comparison's ranking,
 * a chart's data, with the numbers as displayed and the units in the headers — as an xlsx workbook: numbers as
 * numbers, text safe from formula injection, a bold header row that stays frozen, widths that fit. With
 * `{ sheets: [{ title, headers, rows }, …], filename }`, several tables (a whole dashboard) as one workbook,
 * a sheet each. The console
 * holds the table already; the server only writes the file, so the console carries no spreadsheet library.
 * Signed-in users only, and bounded: it is not a general file converter.
 */
import { contentDisposition } from '../http/content-disposition.js';
import ExcelJS from 'exceljs';
import type express from 'express';
import { displayWidth, safeCellText, sheetName } from '../../schema/shared/spreadsheet-text.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { sendRouteError } from '../http/route-errors.js';

/** The largest table written: a national comparison's every county over a dozen years fits well within. */
export const maxTableCells = 200_000;

type Table = { title?: unknown; headers?: unknown; rows?: unknown };
type Checked = { title: string; headers: string[]; rows: (string | number | null)[][] };

const isCell = (value: unknown) => value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : fallback);

function checkedTable({ title, headers, rows }: Table, fallbackTitle: string): Checked {
  const valid =
    Array.isArray(headers) &&
    headers.every((header) => typeof header === 'string') &&
    Array.isArray(rows) &&
    rows.every((row) => Array.isArray(row) && row.length <= headers.length && row.every(isCell));
  if (!valid) throw new AppError('BAD_USER_INPUT', { zh: '表格应为表头和若干行（文字或数字）', en: 'A table is headers and rows of text or numbers' }, { field: 'rows' });
  return { title: text(title, fallbackTitle), headers, rows: rows as (string | number | null)[][] };
}

/** One table, or a dashboard's `sheets`; every cell counted against one bound. */
function checkedTables(body: Table & { sheets?: unknown; filename?: unknown }): { sheets: Checked[]; filename: string } {
  const sheets = Array.isArray(body.sheets) ? body.sheets.slice(0, 50).map((sheet, index) => checkedTable((sheet ?? {}) as Table, `Sheet${index + 1}`)) : [checkedTable(body, 'Sheet1')];
  if (sheets.length === 0) throw new AppError('BAD_USER_INPUT', { zh: '没有要导出的表格', en: 'No table to export' }, { field: 'sheets' });
  const cells = sheets.reduce((total, sheet) => total + sheet.headers.length * sheet.rows.length, 0);
  if (cells > maxTableCells) {
    throw new AppError('BAD_USER_INPUT', { zh: `表格超过 ${maxTableCells} 个单元格`, en: `The table has more than ${maxTableCells} cells` }, { field: 'rows' });
  }
  return { sheets, filename: text(body.filename, sheets[0].title === 'Sheet1' ? 'table' : sheets[0].title) };
}

/** The tables as a workbook, a sheet each (names made unique: Excel refuses two alike). */
export async function writeTable(...tables: Checked[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const table of tables) {
    let name = sheetName(table.title);
    for (let suffix = 2; taken.has(name.toLowerCase()); suffix++) name = sheetName(`${table.title.slice(0, 25)} (${suffix})`);
    taken.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.headers.map(safeCellText));
    header.font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? safeCellText(cell) : cell)));
    table.headers.forEach((name, index) => {
      const widest = Math.max(displayWidth(name), ...table.rows.slice(0, 200).map((row) => displayWidth(String(row[index] ?? ''))));
      sheet.getColumn(index + 1).width = Math.min(50, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function tableExportRoute(contextFor: (request: express.Request) => Promise<Context>): express.RequestHandler {
  return async (request, response) => {
    try {
      await contextFor(request);
      const { sheets, filename } = checkedTables((request.body ?? {}) as Table);
      response
        .status(200)
        .set({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': contentDisposition(`${filename}.xlsx`),
        })
        .send(await writeTable(...sheets));
    } catch (error) {
      sendRouteError(request, response, error);
    }
  };
}
