/**
 * Reads an uploaded spreadsheet for import (issue 19), streaming, or refuses it in both languages before a row
 * is read: the first visible worksheet of an .xlsx (as Excel and WPS save it) through exceljs's streaming
 * reader, or a CSV in UTF-8 (with or without BOM), GB18030 or UTF-16 with BOM through csv-parse. The format
 * comes from the bytes, never the name. Hostile files — zip bombs, macros, old .xls, other formats, wrong
 * encodings, too many bytes or rows — each throw an AppError whose `extensions.reason` says which; nothing is
 * written anywhere, not even exceljs's temporary files (see `workbookStream`).
 */
import { Readable } from 'node:stream';
import { constants as zlibConstants, crc32, inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../graphql/errors.js';
import { entryText, inflatedSize, readZipDirectory, type ZipEntry } from './zip-directory.js';

export type SheetLimits = { maxBytes: number; maxRows: number; maxUncompressedBytes: number };

/** The defaults config.ts starts from (IMPORT_MAX_BYTES …): 20 MB uploaded, 100,000 data rows, 200 MB inside an .xlsx. */
export const defaultSheetLimits: SheetLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000, maxUncompressedBytes: 200 * 1024 * 1024 };

/**
 * A cell as the file holds it. A formula is reported as such, never evaluated nor taken at its cached result;
 * an error value (#N/A, #DIV/0! typed or pasted as a value) likewise, so the caller refuses both per cell
 * rather than importing the text "#N/A". Rich text and hyperlinks arrive as their plain text; blanks as null.
 */
export type RawCell = string | number | boolean | Date | null | { formula: string } | { error: string };

/** `row` is the spreadsheet's own 1-based row number (the CSV record number), header row included. */
export type SheetRow = { row: number; cells: RawCell[] };

export type SheetRefusal =
  'EMPTY' | 'FILE_TOO_LARGE' | 'TOO_MANY_ROWS' | 'ZIP_BOMB' | 'MACROS' | 'ENCRYPTED' | 'CORRUPT' | 'NOT_A_SPREADSHEET' | 'OLD_EXCEL' | 'NO_WORKSHEET' | 'ENCODING' | 'CSV_SYNTAX';

function refuse(reason: SheetRefusal, zh: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('BAD_USER_INPUT', { zh, en }, { reason, ...extra });
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
function corrupt(): never {
  return refuse('CORRUPT', '文件已损坏或不完整，请在 Excel 或 WPS 中打开确认后重新保存再导入', 'The file is damaged or incomplete: open it in Excel or WPS, save it again and retry');
}
const saveAsXlsx = { zh: '请在 Excel 或 WPS 中另存为 .xlsx 后再导入', en: 'save it as .xlsx in Excel or WPS and import that' };

/** Yields the rows of the first worksheet (or the CSV), skipping empty rows, refusing past `maxRows` data rows. */
export async function* readSheet(bytes: Buffer, filename: string, limits: SheetLimits = defaultSheetLimits): AsyncGenerator<SheetRow> {
  const name = `“${filename.slice(0, 100)}”`;
  if (bytes.length === 0) refuse('EMPTY', `文件${name}是空的`, `The file ${name} is empty`);
  if (bytes.length > limits.maxBytes) {
    refuse('FILE_TOO_LARGE', `文件超过 ${megabytes(limits.maxBytes)} 的上限，请分成几个文件导入`, `The file is larger than the ${megabytes(limits.maxBytes)} limit: split it into several files`, {
      limit: limits.maxBytes,
    });
  }
  const rows = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? readWorkbook(bytes, name, limits) : readCsv(bytes, name);
  let dataRows = -1;
  for await (const row of rows) {
    if (++dataRows > limits.maxRows) {
      refuse(
        'TOO_MANY_ROWS',
        `表中数据超过 ${limits.maxRows} 行（不含表头），请分成几个文件导入`,
        `The sheet has more than ${limits.maxRows} data rows (besides the header): split it into several files`,
        { limit: limits.maxRows },
      );
    }
    yield row;
  }
}

/**
 * How many data rows the file says it holds, for an import's progress before it is read: an .xlsx's worksheet
 * declares its extent (`<dimension ref="A1:F100001"/>`, which Excel, WPS and exceljs write first), a CSV is
 * counted by its lines. Null when the file does not say (or is no readable spreadsheet: readSheet refuses it).
 */
export function declaredRows(bytes: Buffer): number | null {
  try {
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
      let lines = 0;
      for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
      return Math.max(0, lines - (bytes[bytes.length - 1] === 0x0a ? 1 : 0));
    }
    const { entries } = readZipDirectory(bytes);
    const entry = (path: string) => entries.find((candidate) => candidate.name === path);
    const workbook = entry('xl/workbook.xml');
    const rels = entry('xl/_rels/workbook.xml.rels');
    const sheetPath = workbook && rels && firstWorksheet(entryText(bytes, workbook, smallPartCap), entryText(bytes, rels, smallPartCap));
    const sheet = sheetPath && entry(sheetPath);
    if (!sheet || (sheet.method !== 8 && sheet.method !== 0)) return null;
    // The first few kilobytes of the part suffice: the dimension comes before the rows.
    const head = bytes.subarray(sheet.dataOffset, sheet.dataOffset + Math.min(sheet.compressedSize, 4096));
    const text = (sheet.method === 0 ? head : inflateRawSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH })).toString('utf8');
    const last = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(text)?.[1];
    return last ? Math.max(0, Number(last) - 1) : null;
  } catch {
    return null;
  }
}

function startsWith(bytes: Buffer, magic: number[] | string): boolean {
  const expected = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
  return bytes.length >= expected.length && bytes.subarray(0, expected.length).equals(expected);
}

/** Formats people upload by mistake, by their first bytes. */
const otherFormats: [number[] | string, string, string][] = [
  ['%PDF', 'PDF 文件', 'a PDF file'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片', 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片', 'a JPEG image'],
  ['GIF8', 'GIF 图片', 'a GIF image'],
  ['Rar!', 'RAR 压缩包', 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z 压缩包', 'a 7z archive'],
  [[0x1f, 0x8b], 'gzip 压缩包', 'a gzip archive'],
  ['{\\rtf', 'RTF 文档', 'an RTF document'],
];

/** What a zip that is not a workbook is, by the part that makes it one. */
const otherZips: [string, string, string][] = [
  ['word/document.xml', 'Word 文档（.docx）', 'a Word document (.docx)'],
  ['ppt/presentation.xml', 'PowerPoint 演示文稿（.pptx）', 'a PowerPoint presentation (.pptx)'],
  ['xl/workbook.bin', '二进制工作簿（.xlsb）', 'a binary workbook (.xlsb)'],
  ['content.xml', 'OpenDocument 文件（.ods/.odt）', 'an OpenDocument file (.ods/.odt)'],
];

function notASpreadsheet(name: string, what?: [string, string]): never {
  const zh = what ? `文件${name}是${what[0]}，不是 Excel 或 CSV 文件` : `文件${name}不是 Excel 或 CSV 文件`;
  const en = what ? `The file ${name} is ${what[1]}, not an Excel or CSV file` : `The file ${name} is not an Excel or CSV file`;
  return refuse('NOT_A_SPREADSHEET', `${zh}，${saveAsXlsx.zh}`, `${en}: ${saveAsXlsx.en}`);
}

// ——— xlsx ———

/** Per entry, beyond this size, a compression ratio above this is a bomb, not a spreadsheet. */
const bombRatio = 200;
const bombFloor = 10 * 1024 * 1024;
const smallPartCap = 8 * 1024 * 1024;

async function* readWorkbook(bytes: Buffer, name: string, limits: SheetLimits): AsyncGenerator<SheetRow> {
  let entries: ZipEntry[];
  let directoryOffset: number;
  try {
    ({ entries, directoryOffset } = readZipDirectory(bytes));
  } catch {
    // ZipFormatError, or a RangeError from a field that points past the end: either way, not a readable zip.
    corrupt();
  }
  const entry = (path: string) => entries.find((candidate) => candidate.name === path);
  const declared = entries.reduce((total, candidate) => total + candidate.uncompressedSize, 0);
  const bomb = entries.some((e) => e.uncompressedSize > bombFloor && e.uncompressedSize > bombRatio * Math.max(e.compressedSize, 1));
  const zipBomb = () =>
    refuse(
      'ZIP_BOMB',
      `文件解压后超过 ${megabytes(limits.maxUncompressedBytes)} 或压缩比异常，疑似“压缩炸弹”，不予导入`,
      `Uncompressed, the file exceeds ${megabytes(limits.maxUncompressedBytes)} or is compressed implausibly far (a zip bomb); it was not imported`,
      { limit: limits.maxUncompressedBytes },
    );
  if (declared > limits.maxUncompressedBytes || bomb) zipBomb();
  if (entries.some((e) => e.flags & 0x01)) refuse('ENCRYPTED', '文件设有密码，请在 Excel 或 WPS 中取消密码后再导入', 'The file is password-protected: remove the password in Excel or WPS and retry');
  const workbook = entry('xl/workbook.xml');
  const rels = entry('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) {
    const kind = otherZips.find(([path]) => entry(path));
    notASpreadsheet(name, kind ? [kind[1], kind[2]] : ['ZIP 压缩包', 'a zip archive']);
  }
  const text = (part: ZipEntry) => {
    try {
      return entryText(bytes, part, Math.min(part.uncompressedSize, smallPartCap));
    } catch {
      return corrupt();
    }
  };
  const types = entry('[Content_Types].xml');
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name)) || (types && /macroEnabled/i.test(text(types)))) {
    refuse(
      'MACROS',
      `含宏的工作簿（.xlsm）不予导入：${saveAsXlsx.zh}（“Excel 工作簿”类型，不含宏）`,
      `Workbooks with macros (.xlsm) are not imported: ${saveAsXlsx.en} ("Excel Workbook", without macros)`,
    );
  }
  const sheetPath = firstWorksheet(text(workbook), text(rels));
  const sheet = sheetPath && entry(sheetPath);
  if (!sheet) refuse('NO_WORKSHEET', '工作簿中没有可读取的工作表', 'The workbook has no worksheet to read');
  const parts = [rels, workbook, entry('xl/sharedStrings.xml'), entry('xl/styles.xml'), sheet].filter((part): part is ZipEntry => part !== undefined);
  // The directory's sizes were checked above; the bytes exceljs will inflate are now held to them, inflating
  // no further than a part claims: one that inflates to more lied about its size.
  for (const part of parts) {
    const actual = await inflatedSize(bytes, part, part.uncompressedSize).catch(() => -1);
    if (actual > part.uncompressedSize) zipBomb();
    if (actual !== part.uncompressedSize) corrupt();
  }
  const input = Readable.from(workbookStream(bytes, parts, directoryOffset));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        // Array.from, not map: the values are sparse, and map would keep the holes.
        const cells = trimmed(Array.from((row.values as unknown[]).slice(1), (value) => cellOf(value)));
        if (cells.length > 0) yield { row: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    corrupt();
  } finally {
    input.destroy();
  }
}

const attribute = (tag: string, pattern: string) => new RegExp(`\\s${pattern}="([^"]*)"`).exec(tag)?.[1];

/** The part of the first visible worksheet: workbook.xml lists sheets in tab order, its relationships name their parts. */
function firstWorksheet(workbookXml: string, relsXml: string): string | undefined {
  const targets = new Map<string, string>();
  for (const [, tag] of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  for (const [, tag] of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const state = attribute(tag, 'state');
    const target = targets.get(attribute(tag, '[\\w]+:id') ?? '');
    // exceljs reads worksheets only under this name; a chart sheet or a hidden sheet is skipped.
    if ((!state || state === 'visible') && target && /^xl\/worksheets\/sheet\d+\.xml$/.test(target)) return target;
  }
  return undefined;
}

/**
 * The zip as exceljs's streaming reader is given it: only the parts it needs, the shared strings before the
 * worksheet, then the original directory. exceljs writes every worksheet it meets before the shared strings to
 * a temporary file (Excel and WPS store them in that order), and does the same when there are no shared
 * strings at all, so an empty table of them is supplied then. Its parser walks local headers and ignores the
 * directory's offsets, so reordering the untouched entries is safe (readZipDirectory checked they lie end to end).
 */
function* workbookStream(bytes: Buffer, parts: ZipEntry[], directoryOffset: number): Generator<Buffer> {
  const [rels, workbook, ...rest] = parts;
  yield bytes.subarray(rels.localOffset, rels.end);
  yield bytes.subarray(workbook.localOffset, workbook.end);
  if (!rest.some((part) => part.name === 'xl/sharedStrings.xml'))
    yield storedEntry('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  for (const part of rest) yield bytes.subarray(part.localOffset, part.end);
  yield bytes.subarray(directoryOffset);
}

/** A stored (uncompressed) zip entry: local header, name, data. */
function storedEntry(path: string, content: string): Buffer {
  const name = Buffer.from(path);
  const data = Buffer.from(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

/** exceljs's cell values as RawCell: formulas (shared ones too) and errors kept as such, rich text and links as text. */
function cellOf(value: unknown): RawCell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const object = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; error?: string; text?: unknown };
  if ('formula' in object || 'sharedFormula' in object) return { formula: object.formula ?? object.sharedFormula ?? '' };
  if ('error' in object) return { error: String(object.error) };
  if (object.richText) return object.richText.map((run) => run.text).join('') || null;
  if ('text' in object) return cellOf(object.text);
  return corrupt();
}

function trimmed(cells: RawCell[]): RawCell[] {
  let length = cells.length;
  while (length > 0 && cells[length - 1] === null) length--;
  return cells.slice(0, length);
}

// ——— CSV ———

function readCsv(bytes: Buffer, name: string): AsyncGenerator<SheetRow> {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // A password-protected .xlsx is also an OLE2 file, holding an "EncryptedPackage" stream.
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')))
      refuse('ENCRYPTED', '文件设有密码，请在 Excel 或 WPS 中取消密码后再导入', 'The file is password-protected: remove the password in Excel or WPS and retry');
    refuse('OLD_EXCEL', `文件${name}是旧版 Excel（.xls）或 WPS（.et）格式，${saveAsXlsx.zh}`, `The file ${name} is in the old Excel (.xls) or WPS (.et) format: ${saveAsXlsx.en}`);
  }
  const other = otherFormats.find(([magic]) => startsWith(bytes, magic));
  if (other) notASpreadsheet(name, [other[1], other[2]]);
  const text = decode(bytes);
  if (/^\s*<(\?xml|!doctype|html|table)/i.test(text)) notASpreadsheet(name, ['网页或 XML 格式的表格（常见于其他系统导出的 .xls）', 'a web page or XML table (as other systems often export “.xls”)']);
  return csvRows(text);
}

function encodingRefusal(): never {
  return refuse(
    'ENCODING',
    '无法识别文件的文字编码，请另存为 UTF-8 或 GB18030 编码的 CSV（或 .xlsx）',
    'The text encoding of the file is not recognised: save it as CSV in UTF-8 or GB18030 (or as .xlsx)',
  );
}

/**
 * UTF-8 with a BOM; UTF-16 with a BOM (Excel's "Unicode text"); else strict UTF-8; else GB18030, which older
 * Excel and WPS write on Chinese Windows. A real table in GB18030 is not valid UTF-8 (odd short runs like
 * “联通” aside). NULs and control characters mean binary data or UTF-16 without a BOM: refused, not guessed.
 */
function decode(bytes: Buffer): string {
  const boms: [number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  const bom = boms.find(([magic]) => startsWith(bytes, magic));
  const candidates = bom ? [bom[1]] : bytes.includes(0) ? [] : ['utf-8', 'gb18030'];
  for (const encoding of candidates) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    text = text.replace(/\x1a+$/, '');
    return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? encodingRefusal() : text;
  }
  return encodingRefusal();
}

/** Comma-separated, or tab- or semicolon-separated when the first line has no comma. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return [',', '\t', ';'].find((candidate) => header.includes(candidate)) ?? ',';
}

async function* csvRows(text: string): AsyncGenerator<SheetRow> {
  const chunk = 64 * 1024;
  const source = Readable.from(
    (function* () {
      for (let at = 0; at < text.length; at += chunk) yield text.slice(at, at + chunk);
    })(),
  );
  const parser = source.pipe(parse({ delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      const cells = trimmed(record.map((cell) => (cell === '' ? null : cell)));
      if (cells.length > 0) yield { row, cells };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const line = (error as { lines?: number }).lines;
    refuse(
      'CSV_SYNTAX',
      `CSV 格式有误（约第 ${line ?? row + 1} 行，常见原因是引号未闭合），请在 Excel 或 WPS 中打开后重新保存`,
      `The CSV is malformed (near line ${line ?? row + 1}, often an unclosed quote): open it in Excel or WPS and save it again`,
      { line },
    );
  } finally {
    source.destroy();
    parser.destroy();
  }
}
