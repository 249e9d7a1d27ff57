/**
 * One import of a spreadsheet into a model's records, from the file to the report: the header row mapped to
 * the model's columns (mapping.ts), every cell read as people type it (cell-values.ts), references resolved
 * within the user's reach (references.ts), then every row written as the API writes one — validation, rules,
 * reach, uniqueness — in one transaction (Writer.importRows): rolled back for a dry run, committed all or
 * nothing, or the valid rows only. The file streams through a chunk at a time (read, resolved, written), so
 * that memory holds one chunk and the report, whatever the file's length. The report gives the counts and every refused row with every error it has,
 * by spreadsheet row and column, in both languages.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import type { Rows } from '../db/read-pool.js';
import { AppError } from '../graphql/errors.js';
import { validateInput } from '../api/input.validation.js';
import { importChunk, type ImportRow, type Writer } from '../api/writer.js';
import type { ImportIssue, ImportMode, ImportReport } from '../../schema/shared/import-report.js';
import { normaliseText, readBoolean, readDate, readDecimal, readEnum, readInt, type Read } from './cell-values.js';
import { parseTerm } from '../../schema/shared/term.js';
import { importColumns, type ImportColumn } from './columns.js';
import { mapColumns, type ColumnMapping } from './mapping.js';
import type { RawCell, SheetRow } from './read-sheet.js';
import { resolveReferences, type Resolution } from './references.js';
import { exampleRow } from './template.js';

export type { ImportIssue, ImportReport };

type Row = { row: number; input: Record<string, unknown>; issues: ImportIssue[] };

const formulaRefusal = {
  zh: '单元格含公式，不予导入：请复制后“选择性粘贴 → 数值”再导入',
  en: 'The cell holds a formula, which is not imported: paste it as values first',
};

/** A text cell as typed: numbers and dates read as their text; codes and numbers in half-width digits. */
type PlainCell = Exclude<RawCell, null | { formula: string } | { error: string }>;

function readText(column: ImportColumn, raw: PlainCell): Read<string> {
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  const validator = column.field.constraints.validator;
  return { ok: true, value: validator && validator !== 'plainText' && validator !== 'longText' ? normaliseText(text) : text.trim() };
}

function readCell(column: ImportColumn, raw: PlainCell): Read<unknown> {
  const field = column.field;
  switch (field.kind) {
    case 'int':
      // A term reads back as it was written out (第十八届, 18th: an exported sheet re-imported).
      if (field.display === 'term' && typeof raw === 'string' && parseTerm(raw) !== null) return { ok: true, value: parseTerm(raw)! };
      return readInt(raw);
    case 'decimal':
    case 'money':
      return readDecimal(raw);
    case 'date':
      return readDate(raw);
    case 'boolean':
      return readBoolean(raw);
    case 'enum':
      return readEnum(raw, field.enum!);
    default:
      return readText(column, raw);
  }
}

const isBlank = (raw: RawCell) => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

/** The issues of a refusal the writer gave a row: one per field it names (`input.regionId` → that column). */
function issuesOf(error: AppError, row: number, headerOf: (key: string) => string | null): ImportIssue[] {
  const extensions = error.extensions as { field?: string; fields?: { field?: string; messages: { zh: string; en: string } }[] };
  const column = (path: string | undefined) => (path ? headerOf(path.replace(/^input\./, '').split('.')[0]) : null);
  if (extensions.fields?.length) return extensions.fields.map((item) => ({ row, column: column(item.field), ...item.messages }));
  return [{ row, column: column(extensions.field), ...error.messages }];
}

/** The API's field checks of a row already refused, leaving out the cells that were refused while reading. */
function fieldIssues(model: ModelMeta, current: Row, headerOf: (key: string) => string | null): ImportIssue[] {
  const refusedColumns = new Set(current.issues.map((issue) => issue.column));
  const input = Object.fromEntries(Object.entries(current.input).filter(([key]) => !refusedColumns.has(headerOf(key))));
  try {
    validateInput(model, input, 'create', 'input');
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return issuesOf(error, current.row, headerOf).filter((issue) => !refusedColumns.has(issue.column));
  }
}

/** A cell as text: a date as 2024-03-01, nothing for a blank, a formula or an error value (headers, example rows). */
export const cellText = (cell: RawCell | undefined) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null || cell === undefined || typeof cell === 'object' ? '' : String(cell));

/** Whether a row is the template's example row, as the template wrote it in Chinese or English (columns in any order). */
function exampleMatcher(model: ModelMeta, columns: ImportColumn[], mapping: ColumnMapping): (cells: RawCell[]) => boolean {
  const examples = (['zh', 'en'] as const).map((language) => {
    const values = exampleRow(model, language);
    return new Map(columns.map((column, index) => [column, cellText(values[index])]));
  });
  const mapped = mapping.columns.map((column, index) => ({ column, index })).filter((item): item is { column: ImportColumn; index: number } => item.column !== null);
  return (cells) => mapped.length > 0 && examples.some((example) => mapped.every(({ column, index }) => cellText(cells[index]).trim() === example.get(column)));
}

/** The user's reads and writes, and the request id the writes are audited under (the import's batch). */
export type ImportContext = { rows: Rows; access: Access; writer: Writer; requestId: string };

/** Where an import is: rows read from the file so far, rows checked and written (or tried, in a dry run), of about `total`. */
export type ImportProgress = { read: number; done: number; total: number | null };

export type ImportOptions = {
  mode: ImportMode;
  /** Column corrections: header → input key ('' to skip the column). */
  overrides?: Record<string, string>;
  upsert?: boolean;
  /** The rows the file holds, if known beforehand (the progress's denominator). */
  total?: number | null;
  /** Told after every chunk; may be slow (it is awaited), and may throw to stop the import. */
  progress?: (progress: ImportProgress) => Promise<void> | void;
  /** Stops the import before its next row; nothing is saved. */
  signal?: AbortSignal;
};

export async function runImport(context: ImportContext, model: ModelMeta, sheet: AsyncIterable<SheetRow>, options: ImportOptions): Promise<ImportReport> {
  const columns = importColumns(model);
  const rows = sheet[Symbol.asyncIterator]();
  const first = await rows.next();
  const headers = first.done ? [] : first.value.cells.map(cellText);
  const mapping = first.done ? undefined : mapColumns(columns, headers, options.overrides);
  const report: ImportReport = {
    entity: model.name,
    mode: options.mode,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: 0,
    committed: false,
    batch: null,
    mapping: headers.map((header, index) => ({ header, field: mapping?.columns[index]?.key ?? null })),
    unmatched: mapping?.unmatched.map((item) => item.header) ?? [],
    issues: [],
    exampleSkipped: false,
  };
  const remaining = { [Symbol.asyncIterator]: () => rows };
  if (!mapping) {
    report.issues.push({ row: null, column: null, zh: '文件是空的：第 1 行应为表头', en: 'The file is empty: row 1 should hold the headers' });
    return report;
  }
  if (mapping.missing.length > 0) {
    const names = (language: 'zh' | 'en') => mapping.missing.map((column) => (language === 'en' ? column.labelEn : column.labelZh));
    report.issues.push({ row: null, column: null, zh: `缺少必填列：${names('zh').join('、')}`, en: `Required columns missing: ${names('en').join(', ')}` });
    while (!(await rows.next()).done) report.rows++;
    report.refused = report.rows;
    return report;
  }
  const headerOf = (key: string) => {
    const index = mapping.columns.findIndex((column) => column?.key === key || column?.field.name === key);
    return index === -1 ? null : headers[index];
  };
  const isExample = exampleMatcher(model, columns, mapping);
  // What each reference text of the file answered, asked once per distinct text (per chunk, for the new ones).
  const answers = new Map<ImportColumn, Map<string, Resolution>>();
  let refusedWhileReading = 0;
  let handed = 0;

  /** A chunk's rows with their references resolved; those refused while reading are reported, not handed on. */
  const prepare = async (chunk: Row[]): Promise<ImportRow[]> => {
    for (const [index, column] of mapping.columns.entries()) {
      if (!column?.reference) continue;
      const known = answers.get(column) ?? new Map<string, Resolution>();
      answers.set(column, known);
      const asked = [...new Set(chunk.map((current) => current.input[column.key]).filter((text): text is string => typeof text === 'string' && !known.has(text)))];
      if (asked.length > 0) for (const [text, answer] of await resolveReferences(context.rows, context.access, column, asked)) known.set(text, answer);
      for (const current of chunk) {
        const text = current.input[column.key];
        if (typeof text !== 'string') continue;
        const answer = known.get(text)!;
        if ('id' in answer) current.input[column.key] = answer.id;
        else current.issues.push({ row: current.row, column: headers[index], zh: answer.zh, en: answer.en });
      }
    }
    const readable: ImportRow[] = [];
    for (const current of chunk) {
      if (current.issues.length === 0) {
        readable.push({ row: current.row, input: current.input });
        continue;
      }
      // A row refused while reading is still checked field by field, so that it comes back with all its errors.
      refusedWhileReading++;
      report.issues.push(...current.issues, ...fieldIssues(model, current, headerOf));
    }
    await options.progress?.({ read: report.rows, done: handed, total: options.total ?? null });
    handed += chunk.length;
    return readable;
  };

  /** The file's data rows, read, resolved and handed to the writer a chunk at a time. */
  async function* chunks(): AsyncGenerator<ImportRow[]> {
    let chunk: Row[] = [];
    for await (const { row, cells } of remaining) {
      options.signal?.throwIfAborted();
      // The template's example row, left in by mistake (in either language), is not a record.
      if (!report.exampleSkipped && isExample(cells)) {
        report.exampleSkipped = true;
        continue;
      }
      report.rows++;
      chunk.push(readRow(row, cells, mapping!, headers));
      if (chunk.length === importChunk) {
        yield await prepare(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) yield await prepare(chunk);
  }

  const outcome = await context.writer.importRows(model, chunks(), {
    upsert: options.upsert ?? false,
    dryRun: options.mode === 'dry-run',
    refused: (row, error) => report.issues.push(...issuesOf(error, row, headerOf)),
    // Saved as asked: never in a dry run; all or nothing only when no row was refused, reading or writing.
    keep: (written) => options.mode === 'valid-only' || (options.mode === 'all' && refusedWhileReading === 0 && written.refused === 0),
  });
  await options.progress?.({ read: report.rows, done: report.rows, total: report.rows });
  // Issues by row, as the file has them (a chunk's reading refusals came before its writing ones).
  report.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  report.refused = refusedWhileReading + outcome.refused;
  report.committed = outcome.committed;
  // The batch an administrator may undo: the records the import created (its updates are in each record's history).
  report.batch = outcome.committed && outcome.created > 0 ? context.requestId : null;
  const counted = outcome.committed || options.mode === 'dry-run';
  report.created = counted ? outcome.created : 0;
  report.updated = counted ? outcome.updated : 0;
  report.unchanged = counted ? outcome.unchanged : 0;
  return report;
}

/** A data row's cells read into the input as people type them; a reference as its text, resolved per chunk later. */
function readRow(row: number, cells: RawCell[], mapping: ColumnMapping, headers: string[]): Row {
  const current: Row = { row, input: {}, issues: [] };
  mapping.columns.forEach((column, index) => {
    if (!column) return;
    const raw = cells[index] ?? null;
    if (isBlank(raw)) return;
    if (typeof raw === 'object' && raw !== null && 'error' in raw) {
      return current.issues.push({ row, column: headers[index], zh: `单元格是错误值 ${raw.error}，请改正后再导入`, en: `The cell holds the error value ${raw.error}: correct it first` });
    }
    if (typeof raw === 'object' && raw !== null && !(raw instanceof Date)) return current.issues.push({ row, column: headers[index], ...formulaRefusal });
    const cell = raw as PlainCell;
    if (column.reference) {
      current.input[column.key] = normaliseText(cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));
      return;
    }
    const read = readCell(column, cell);
    if (read.ok) current.input[column.key] = read.value;
    else current.issues.push({ row, column: headers[index], zh: read.zh, en: read.en });
  });
  return current;
}
