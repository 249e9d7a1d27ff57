/**
 * Downloads of what a chart shows: the drawing as PNG (the chart's SVG drawn on a canvas, with a CJK font
 * named explicitly so Chinese labels render wherever Noto CJK is installed) and its data as CSV (UTF-8
 * with a byte-order mark, so spreadsheet programs read the Chinese headers).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { safeCellText } from '../../../schema/shared/spreadsheet-text';
import { exportUrl } from '../config';
import { saveBlob } from '../download';

const cjkFonts = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export type LegendItem = { label: string; color: string };

/**
 * The chart as PNG under its title, with its legend (recharts draws legends outside the SVG); a card that
 * holds a table rather than a chart (the ranking) is drawn as that table.
 */
export async function downloadPng(container: HTMLElement, filename: string, title: string, legend: LegendItem[] = []): Promise<void> {
  // The chart's own surface (legend icons are small recharts surfaces too).
  const svg = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
  const table = container.querySelector('table');
  if (!svg && table) return saveBlob(await tablePng(table, title), filename);
  if (!svg) throw new Error('nothing to draw');
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.fontFamily = cjkFonts;
  const image = new Image();
  const source = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn'));
    image.src = source;
  });
  const scale = 2;
  const titleHeight = 36;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + titleHeight) * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height + titleHeight);
  context.fillStyle = '#1f2937';
  context.font = `600 16px ${cjkFonts}`;
  context.fillText(title, 12, 24);
  let x = Math.max(24 + context.measureText(title).width, width / 3);
  context.font = `13px ${cjkFonts}`;
  for (const item of legend) {
    context.fillStyle = item.color;
    context.fillRect(x, 13, 12, 12);
    context.fillStyle = '#374151';
    context.fillText(item.label, x + 16, 24);
    x += 28 + context.measureText(item.label).width;
  }
  context.drawImage(image, 0, titleHeight, width, height);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('PNG encoding failed'))), 'image/png'));
  saveBlob(blob, filename);
}

/** Rows of a table's cells as shown (header first), drawn in a grid under the title: every row, not only those scrolled into view. */
async function tablePng(table: HTMLTableElement, title: string): Promise<Blob> {
  const rows = [...table.rows].map((row) => [...row.cells].map((cell) => cell.innerText.trim()));
  const header = table.tHead?.rows.length ?? 0;
  const measure = document.createElement('canvas').getContext('2d')!;
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, index) => {
    measure.font = `600 13px ${cjkFonts}`;
    return Math.ceil(Math.max(...rows.map((row) => measure.measureText(row[index] ?? '').width))) + 20;
  });
  const rowHeight = 26;
  const titleHeight = 40;
  const width = widths.reduce((sum, value) => sum + value, 0) + 24;
  const height = titleHeight + rows.length * rowHeight + 12;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1f2937';
  context.font = `600 16px ${cjkFonts}`;
  context.fillText(title, 12, 26);
  rows.forEach((row, rowIndex) => {
    const top = titleHeight + rowIndex * rowHeight;
    if (rowIndex < header) {
      context.fillStyle = '#f3f4f6';
      context.fillRect(12, top, width - 24, rowHeight);
    }
    context.strokeStyle = '#e5e7eb';
    context.beginPath();
    context.moveTo(12, top + rowHeight);
    context.lineTo(width - 12, top + rowHeight);
    context.stroke();
    context.fillStyle = '#1f2937';
    context.font = `${rowIndex < header ? '600 ' : ''}13px ${cjkFonts}`;
    let x = 12;
    row.forEach((text, index) => {
      // Names left, numbers right, as the table shows them.
      const numeric = index > 1 && rowIndex >= header;
      context.fillText(text, numeric ? x + widths[index] - 10 - context.measureText(text).width : x + 10, top + 17);
      x += widths[index];
    });
  });
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Numbers as they are; text (a region's or a dashboard's name) never as a formula (`safeCellText`). */
const cell = (value: unknown) => (typeof value === 'number' ? String(value) : safeCellText(value === null || value === undefined ? '' : String(value)));

/** A chart's data as CSV (written by csv-stringify), with the byte-order mark Excel and WPS need. */
export function downloadCsv(headers: string[], rows: unknown[][], filename: string): void {
  const text = stringify(
    [headers, ...rows].map((row) => row.map(cell)),
    { record_delimiter: 'windows' },
  );
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), filename);
}

/** Numbers as numbers, blanks as empty cells, the rest as text: what POST /export/table takes. */
const tableCells = (rows: unknown[][]) => rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell : cell === null || cell === undefined || cell === '' ? null : String(cell))));

/** Writes `body` (one table, or `sheets`) as a workbook on the server and downloads it. */
async function downloadWorkbook(body: object, filename: string, acceptLanguage: string): Promise<void> {
  const response = await fetch(`${exportUrl}/table`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
    body: JSON.stringify({ ...body, filename }),
  });
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { errors?: { message: string }[] }).errors?.[0]?.message ?? `HTTP ${response.status}`);
  saveBlob(await response.blob(), `${filename}.xlsx`);
}

/**
 * A chart's data as an Excel workbook: the table the CSV holds (numbers as displayed, units in the headers),
 * written by the server (POST /export/table) so that the console carries no spreadsheet library.
 */
export function downloadXlsx(headers: string[], rows: unknown[][], filename: string, title: string, acceptLanguage: string): Promise<void> {
  return downloadWorkbook({ title, headers, rows: tableCells(rows) }, filename, acceptLanguage);
}

/** A whole dashboard as one workbook: a sheet per chart, each as its own Excel download would be. */
export function downloadDashboardXlsx(sheets: { title: string; headers: string[]; rows: unknown[][] }[], filename: string, acceptLanguage: string): Promise<void> {
  return downloadWorkbook({ sheets: sheets.map((sheet) => ({ ...sheet, rows: tableCells(sheet.rows) })) }, filename, acceptLanguage);
}
