/**
 * The files /export writes, page by page as the rows arrive: CSV (UTF-8 with a byte-order mark, which Excel and
 * WPS need; written by csv-stringify), JSON (an array of the nodes) and xlsx (exceljs's streaming writer: typed
 * cells — dates as dates, money as numbers in the 元 format, counts as numbers —, labels for enums and flags, a
 * bold header row that stays frozen, column widths that fit the first page). Text in CSV and xlsx passes
 * `safeCellText`: nothing a record holds runs as a formula where the file is opened.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { displayWidth, safeCellText, sheetName } from '../../schema/shared/spreadsheet-text.js';
import type { Language } from '../graphql/language.js';
import { cellOf, valuesAt, type Column } from './export-plan.js';

export const exportFormats = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Node = Record<string, unknown>;

/** Writes pages of nodes to the response; `end` finishes the file (JSON's bracket, the xlsx package). */
export type ExportWriter = { page: (nodes: Node[]) => Promise<void>; end: () => Promise<void> };

type Options = { columns: Column[]; language: Language; title: string };

const joinerOf = (language: Language) => (language === 'en' ? '; ' : '；');

/** Waits while the response's buffer is full, so a slow download holds the export back instead of memory. */
async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
}

function csvWriter(out: Writable, { columns, language }: Options): ExportWriter {
  const joiner = joinerOf(language);
  const lines = (rows: string[][]) => stringify(rows, { record_delimiter: 'windows' });
  let started = false;
  return {
    async page(nodes) {
      const rows = nodes.map((node) => columns.map((column) => safeCellText(cellOf(node, column.path, joiner, column.render))));
      const head = started ? '' : `\ufeff${lines([columns.map((column) => safeCellText(column.header))])}`;
      started = true;
      out.write(head + lines(rows));
      await drained(out);
    },
    async end() {
      if (!started) out.write(`\ufeff${lines([columns.map((column) => safeCellText(column.header))])}`);
    },
  };
}

function jsonWriter(out: Writable): ExportWriter {
  let opened = false;
  let any = false;
  return {
    async page(nodes) {
      let text = opened ? '' : '[';
      opened = true;
      for (const { crcExportId: _, ...row } of nodes) {
        text += `${any ? ',' : ''}${JSON.stringify(row)}`;
        any = true;
      }
      out.write(text);
      await drained(out);
    },
    async end() {
      out.write(opened ? ']' : '[]');
    },
  };
}

/** A calendar date (2024-03-01) as the Date exceljs writes as that day's serial number (it counts in UTC). */
const dateCell = (text: string) => new Date(`${text}T00:00:00Z`);
/** An instant as the wall-clock time in China, the time the console shows. */
const chinaTime = (text: string) => new Date(new Date(text).getTime() + 8 * 3_600_000);

/** A column's cell: one number, date or instant typed as such; anything else (a joined list, a label) as safe text. */
function typedCell(column: Column, node: Node, joiner: string): string | number | Date | null {
  const values = valuesAt(node, column.path);
  if (values.length === 0) return null;
  const [only] = values;
  if (values.length === 1 && (typeof only === 'string' || typeof only === 'number')) {
    if (column.kind === 'int' || column.kind === 'decimal' || column.kind === 'money') return Number(only);
    if (column.kind === 'date') return dateCell(String(only));
    if (column.kind === 'datetime') return chinaTime(String(only));
  }
  return safeCellText(cellOf(node, column.path, joiner, column.render));
}

const numberFormats: Partial<Record<NonNullable<Column['kind']>, Record<Language, string>>> = {
  money: { zh: '#,##0.00"元"', en: '#,##0.00' },
  date: { zh: 'yyyy-mm-dd', en: 'yyyy-mm-dd' },
  datetime: { zh: 'yyyy-mm-dd hh:mm', en: 'yyyy-mm-dd hh:mm' },
};

function xlsxWriter(out: Writable, { columns, language, title }: Options): ExportWriter {
  const joiner = joinerOf(language);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  let started = false;
  const start = (first: Node[]) => {
    started = true;
    // Widths from the header and the first page: later pages are not held back to measure them.
    sheet.columns = columns.map((column, index) => {
      const sample = first.map((node) => cellOf(node, column.path, joiner, column.render));
      const widest = Math.max(displayWidth(column.header), ...sample.map(displayWidth), column.kind === 'date' ? 10 : 0, column.kind === 'datetime' ? 16 : 0);
      const numFmt = column.kind ? numberFormats[column.kind]?.[language] : undefined;
      return { header: column.header, key: String(index), width: Math.min(60, Math.max(8, widest + 2)), ...(numFmt ? { style: { numFmt } } : {}) };
    });
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
  };
  return {
    async page(nodes) {
      if (!started) start(nodes);
      for (const node of nodes) sheet.addRow(columns.map((column) => typedCell(column, node, joiner))).commit();
      await drained(out);
    },
    async end() {
      if (!started) start([]);
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function exportWriter(format: ExportFormat, out: Writable, options: Options): ExportWriter {
  if (format === 'csv') return csvWriter(out, options);
  if (format === 'json') return jsonWriter(out);
  return xlsxWriter(out, options);
}
