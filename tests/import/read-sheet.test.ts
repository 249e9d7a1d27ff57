/**
 * Reading an uploaded spreadsheet (issue 19): xlsx from exceljs and hand-built parts, CSV in UTF-8 (with and
 * without BOM), GB18030 and UTF-16; and every hostile file refused with its reason in both languages. Every
 * file is generated here; the zip writer below is the least that makes one (and lets a test lie in it).
 */
import fs from 'node:fs';
import os from 'node:os';
import { PassThrough } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/graphql/errors.js';
import { defaultSheetLimits, readSheet, type SheetLimits, type SheetRow } from '../../server/import/read-sheet.js';
import { readZipDirectory } from '../../server/import/zip-directory.js';

async function rowsOf(bytes: Buffer, limits?: SheetLimits): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSheet(bytes, '名单.xlsx', limits)) rows.push(row);
  return rows;
}

/** Reads until the refusal; answers its reason, both messages and how many rows came before it. */
async function refusalOf(bytes: Buffer, limits?: SheetLimits) {
  let yielded = 0;
  try {
    for await (const _ of readSheet(bytes, '名单.xlsx', limits)) yielded++;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('BAD_USER_INPUT');
    expect(appError.messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(appError.messages.en).toMatch(/^[A-Z][\w ]/);
    return { reason: appError.extensions.reason, ...appError.messages, yielded };
  }
  throw new Error(`not refused; ${yielded} rows read`);
}

// ——— a minimal zip writer ———

type Part = { name: string; compressed: Buffer; size: number; crc: number; method: 0 | 8; flags?: number; zip64?: boolean };

const deflated = (name: string, content: string | Buffer): Part => {
  const data = Buffer.from(content);
  return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data), method: 8 };
};

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const extra = Buffer.alloc(part.zip64 ? 20 : 0);
    if (part.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(part.size), 4);
      extra.writeBigUInt64LE(BigInt(part.compressed.length), 12);
    }
    const [compressedSize, size] = part.zip64 ? [0xffffffff, 0xffffffff] : [part.compressed.length, part.size];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.flags ?? 0, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(compressedSize, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.compressed);
    centrals.push(central, name, extra);
    offset += 30 + name.length + part.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` of zeros, deflated a megabyte at a time (a few hundred kB whatever the size). */
async function zeros(name: string, megabytes: number): Promise<Part> {
  const deflate = createDeflateRaw();
  const pieces: Buffer[] = [];
  deflate.on('data', (piece: Buffer) => pieces.push(piece));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(pieces), size: megabytes * 1024 * 1024, crc, method: 8 };
}

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const workbookType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const contentTypes = (type = workbookType) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}"/></Types>`;
const workbookXml = `<workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const relsXml = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
const sheetXml = `<worksheet xmlns="${main}"><sheetData>
<row r="1">${text('A1', '姓名')}${text('B1', '合计')}${text('C1', '备注')}</row>
<row r="3">${text('A3', '王秀兰')}<c r="B3"><f t="shared" ref="B3:B4" si="0">1+1</f><v>2</v></c><c r="C3" t="e"><v>#N/A</v></c></row>
<row r="4">${text('A4', '李建国')}<c r="B4"><f t="shared" si="0"/><v>2</v></c><c r="C4"/></row>
</sheetData></worksheet>`;

/** A workbook as its parts, with no shared strings and no styles; `extra` parts come last. */
const handBuilt = (extra: Part[] = [], types = contentTypes(), sheet = sheetXml) =>
  zip([deflated('[Content_Types].xml', types), deflated('xl/workbook.xml', workbookXml), deflated('xl/_rels/workbook.xml.rels', relsXml), deflated('xl/worksheets/sheet1.xml', sheet), ...extra]);

async function excelFile(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const exceljsTemporaryFiles = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));

describe('reading xlsx', () => {
  it('reads the first visible worksheet: dates, numbers, formulas, rich text, links, errors; empty rows skipped, row numbers kept', async () => {
    const bytes = await excelFile((workbook) => {
      const hidden = workbook.addWorksheet('代码表');
      hidden.state = 'hidden';
      hidden.addRow(['不应读取']);
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(['姓名', '出生日期', '得票', '合计', '简介', '主页', '当选', '核对']);
      sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
      sheet.addRow([
        '王秀兰',
        new Date(Date.UTC(1970, 2, 1)),
        1234.5,
        { formula: 'C2*2', result: 2469 },
        { richText: [{ text: '县' }, { font: { bold: true }, text: '人大代表' }] },
        { text: '链接', hyperlink: 'http://example.invalid' },
        true,
        { error: '#N/A' },
      ]);
      sheet.addRow([]);
      sheet.addRow(['李建国', null, 0, null, null, null, false]);
      workbook.addWorksheet('其他').addRow(['也不读']);
    });
    const before = exceljsTemporaryFiles();
    const rows = await rowsOf(bytes);
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '出生日期', '得票', '合计', '简介', '主页', '当选', '核对'] },
      { row: 2, cells: ['王秀兰', new Date(Date.UTC(1970, 2, 1)), 1234.5, { formula: 'C2*2' }, '县人大代表', '链接', true, { error: '#N/A' }] },
      { row: 4, cells: ['李建国', null, 0, null, null, null, false] },
    ]);
    // exceljs writes, as Excel and WPS do, the worksheets before the shared strings: it would have spilled them to files.
    const order = readZipDirectory(bytes)
      .entries.sort((a, b) => a.localOffset - b.localOffset)
      .map((entry) => entry.name);
    expect(order.indexOf('xl/worksheets/sheet2.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
    expect(exceljsTemporaryFiles()).toEqual(before);
  });

  it('reads a workbook without shared strings or styles: inline strings, shared formulas, error values', async () => {
    const before = exceljsTemporaryFiles();
    expect(await rowsOf(handBuilt())).toEqual([
      { row: 1, cells: ['姓名', '合计', '备注'] },
      { row: 3, cells: ['王秀兰', { formula: '1+1' }, { error: '#N/A' }] },
      { row: 4, cells: ['李建国', { formula: '' }] },
    ]);
    expect(exceljsTemporaryFiles()).toEqual(before);
  });

  it('stops at the row limit without reading on', async () => {
    const bytes = await excelFile((workbook) => {
      const sheet = workbook.addWorksheet('名单');
      for (let i = 0; i <= 5000; i++) sheet.addRow([`代表${i}`, i]);
    });
    const limits = { ...defaultSheetLimits, maxRows: 10 };
    const refusal = await refusalOf(bytes, limits);
    expect(refusal).toMatchObject({ reason: 'TOO_MANY_ROWS', yielded: 11 });
    expect(refusal.zh).toContain('10 行');
    expect((await rowsOf(bytes, { ...limits, maxRows: 5000 })).length).toBe(5001);
  });
});

describe('refusing hostile zips', () => {
  it('refuses a zip bomb by its directory, before inflating: 300 MB of zeros in one entry', async () => {
    const bomb = await zeros('xl/worksheets/sheet1.xml', 300);
    const bytes = zip([deflated('xl/workbook.xml', workbookXml), deflated('xl/_rels/workbook.xml.rels', relsXml), bomb]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(await refusalOf(bytes)).toMatchObject({ reason: 'ZIP_BOMB', yielded: 0 });
  });

  it('refuses an entry compressed beyond reason even under the total, and one that lies about its size', async () => {
    const dense = await zeros('xl/worksheets/sheet1.xml', 20);
    const parts = [deflated('xl/workbook.xml', workbookXml), deflated('xl/_rels/workbook.xml.rels', relsXml)];
    expect(await refusalOf(zip([...parts, dense]))).toMatchObject({ reason: 'ZIP_BOMB' });
    const started = performance.now();
    expect(await refusalOf(zip([...parts, { ...dense, size: 1000 }]))).toMatchObject({ reason: 'ZIP_BOMB' });
    // Inflating stops once the entry passes what it claims, not after 20 MB.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads ZIP64 sizes from the extra field, refusing a claimed 5 GB', async () => {
    const small = deflated('xl/worksheets/sheet1.xml', sheetXml);
    expect(readZipDirectory(zip([{ ...small, zip64: true }])).entries[0]).toMatchObject({ uncompressedSize: small.size, compressedSize: small.compressed.length });
    const claimed = { ...small, size: 5 * 1024 ** 3, zip64: true };
    expect(await refusalOf(zip([deflated('xl/workbook.xml', workbookXml), deflated('xl/_rels/workbook.xml.rels', relsXml), claimed]))).toMatchObject({ reason: 'ZIP_BOMB' });
  });

  it('refuses macros, by their project or by the content type', async () => {
    expect(await refusalOf(handBuilt([deflated('xl/vbaProject.bin', Buffer.alloc(512, 7))]))).toMatchObject({ reason: 'MACROS' });
    const macros = await refusalOf(handBuilt([], contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml')));
    expect(macros).toMatchObject({ reason: 'MACROS' });
    expect(macros.zh).toContain('.xlsm');
  });

  it('refuses a truncated, a damaged and a malformed workbook as corrupt', async () => {
    const good = handBuilt();
    expect(await refusalOf(good.subarray(0, good.length - 200))).toMatchObject({ reason: 'CORRUPT' });
    const damaged = Buffer.from(good);
    const sheet = readZipDirectory(good).entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!;
    damaged.fill(0xff, sheet.dataOffset + 5, sheet.dataOffset + 40);
    expect(await refusalOf(damaged)).toMatchObject({ reason: 'CORRUPT' });
    expect(await refusalOf(handBuilt([], contentTypes(), `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</is></row>`))).toMatchObject({ reason: 'CORRUPT' });
  });

  it('refuses a zip that is not a workbook, naming what it is', async () => {
    const docx = zip([deflated('[Content_Types].xml', contentTypes()), deflated('word/document.xml', '<w:document/>')]);
    const refusal = await refusalOf(docx);
    expect(refusal).toMatchObject({ reason: 'NOT_A_SPREADSHEET' });
    expect(refusal.zh).toContain('Word');
    expect(await refusalOf(zip([deflated('照片/1.txt', 'x')]))).toMatchObject({ reason: 'NOT_A_SPREADSHEET' });
  });

  it('refuses a password-protected workbook, as a zip or as Excel’s encrypted container', async () => {
    expect(await refusalOf(handBuilt([{ ...deflated('xl/styles.xml', '<styleSheet/>'), flags: 1 }]))).toMatchObject({ reason: 'ENCRYPTED' });
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await refusalOf(ole2)).toMatchObject({ reason: 'ENCRYPTED' });
  });
});

describe('damaged files', () => {
  it('answers rows or a refusal, never another error, for 300 workbooks with random bytes changed (seeded)', async () => {
    const originals = [handBuilt(), await excelFile((workbook) => workbook.addWorksheet('名单').addRow(['姓名', new Date(0), 1]))];
    let seed = 19;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(originals[i % 2]);
      for (let k = 0; k < 1 + (i % 4); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        await rowsOf(bytes);
        outcomes.read++;
      } catch (error) {
        expect(error, `case ${i}`).toBeInstanceOf(AppError);
        outcomes.refused++;
      }
    }
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('refusing other files', () => {
  it('refuses old .xls and WPS .et, other formats, and a web page saved as .xls', async () => {
    expect(await refusalOf(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]))).toMatchObject({ reason: 'OLD_EXCEL' });
    const pdf = await refusalOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'));
    expect(pdf).toMatchObject({ reason: 'NOT_A_SPREADSHEET' });
    expect(pdf.zh).toContain('PDF');
    expect(await refusalOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatchObject({ reason: 'NOT_A_SPREADSHEET' });
    expect(await refusalOf(Buffer.from('<html><body><table><tr><td>姓名</td></tr></table></body></html>'))).toMatchObject({ reason: 'NOT_A_SPREADSHEET' });
    expect(await refusalOf(Buffer.alloc(0))).toMatchObject({ reason: 'EMPTY' });
  });

  it('refuses wrong encodings: UTF-16 without a BOM, binary data', async () => {
    expect(await refusalOf(Buffer.from('姓名,电话\n王秀兰,13800000000\n', 'utf16le'))).toMatchObject({ reason: 'ENCODING' });
    expect(await refusalOf(Buffer.from([0x01, 0x02, 0xff, 0x00, 0x13, 0x37, 0x80, 0x81]))).toMatchObject({ reason: 'ENCODING' });
  });

  it('refuses a file over the byte limit before reading it', async () => {
    const limits = { ...defaultSheetLimits, maxBytes: 100 };
    const refusal = await refusalOf(Buffer.from('姓名,电话\n'.repeat(20)), limits);
    expect(refusal).toMatchObject({ reason: 'FILE_TOO_LARGE', yielded: 0 });
  });
});

/** GB18030 bytes of the few characters used, hard-coded (as iconv-lite encodes them). */
const gb18030: Record<string, number[]> = { 姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 电: [0xb5, 0xe7], 话: [0xbb, 0xb0], 王: [0xcd, 0xf5], 秀: [0xd0, 0xe3], 兰: [0xc0, 0xbc] };
const inGb18030 = (text: string) => Buffer.from([...text].flatMap((char) => gb18030[char] ?? [char.charCodeAt(0)]));

describe('reading CSV', () => {
  const csv = '姓名,电话\r\n王秀兰,13800000000\r\n';
  const expected = [
    { row: 1, cells: ['姓名', '电话'] },
    { row: 2, cells: ['王秀兰', '13800000000'] },
  ];

  it('reads UTF-8 with and without a BOM, GB18030 and UTF-16 with a BOM', async () => {
    expect(await rowsOf(Buffer.from(csv))).toEqual(expected);
    expect(await rowsOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toEqual(expected);
    const gb = inGb18030(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(await rowsOf(gb)).toEqual(expected);
    expect(await rowsOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replaceAll(',', '\t'), 'utf16le')]))).toEqual(expected);
  });

  it('takes tabs or semicolons when the header has no comma; keeps quoted commas and line breaks; skips empty rows, keeping numbers', async () => {
    expect(await rowsOf(Buffer.from(csv.replaceAll(',', '\t')))).toEqual(expected);
    expect(await rowsOf(Buffer.from(csv.replaceAll(',', ';')))).toEqual(expected);
    const rows = await rowsOf(Buffer.from('姓名,简介,电话,\n\n"王秀兰","县人大代表,\n教师",,\n,,,\n李建国,"说""好""",1\n'));
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '简介', '电话'] },
      { row: 3, cells: ['王秀兰', '县人大代表,\n教师'] },
      { row: 5, cells: ['李建国', '说"好"', '1'] },
    ]);
  });

  it('stops at the row limit, and refuses a quote left open', async () => {
    const long = Buffer.from(`姓名\n${'王秀兰\n'.repeat(1000)}`);
    expect(await refusalOf(long, { ...defaultSheetLimits, maxRows: 10 })).toMatchObject({ reason: 'TOO_MANY_ROWS', yielded: 11 });
    expect(await refusalOf(Buffer.from('姓名,简介\n王秀兰,"县人大代表\n'))).toMatchObject({ reason: 'CSV_SYNTAX' });
  });
});

describe('reading a large sheet', () => {
  it('reads 100,000 rows × 10 columns (logs time and memory)', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true, useStyles: true });
    const sheet = writer.addWorksheet('名单');
    sheet.addRow(['姓名', '性别', '民族', '出生日期', '电话', '单位', '职务', '届次', '得票', '备注']).commit();
    for (let i = 0; i < 100_000; i++) {
      const row = sheet.addRow([
        `代表${i}`,
        i % 2 ? '男' : '女',
        '汉族',
        new Date(Date.UTC(1960 + (i % 40), i % 12, 1 + (i % 28))),
        `138${String(i).padStart(8, '0')}`,
        `灵台县第${i % 50}单位`,
        '主任',
        18,
        i * 3,
        i % 7 ? null : '连任',
      ]);
      row.getCell(4).numFmt = 'yyyy-mm-dd';
      row.commit();
    }
    sheet.commit();
    await writer.commit();
    const bytes = Buffer.concat(chunks);

    gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const started = performance.now();
    let count = 0;
    let last: SheetRow | undefined;
    for await (const row of readSheet(bytes, '名单.xlsx')) {
      count++;
      last = row;
      if (count % 5000 === 0) {
        const usage = process.memoryUsage();
        peakRss = Math.max(peakRss, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(count).toBe(100_001);
    expect(last?.cells[3]).toBeInstanceOf(Date);
    const mib = (value: number) => (value / 1024 ** 2).toFixed(0);
    const uncompressed = readZipDirectory(bytes).entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    console.log(
      `read 100,000 × 10 xlsx (${mib(bytes.length)} MiB, ${mib(uncompressed)} MiB inflated) in ${seconds.toFixed(1)} s; ` +
        `rss ${mib(baseline.rss)} → peak ${mib(peakRss)} MiB, heapUsed ${mib(baseline.heapUsed)} → peak ${mib(peakHeap)} MiB`,
    );
  });
});
