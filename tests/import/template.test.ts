/**
 * The import templates (issue 19), one per importable model and language, read back as a spreadsheet program
 * would: headers are the columns' labels (required ones marked), enum and flag columns offer exactly their
 * labels, the example row holds a value the importer's readers accept in every column, and the instructions
 * list every column.
 */
import ExcelJS from 'exceljs';
import { idNumberCheckCharacter } from '../../schema/shared/validators.js';
import { describe, expect, it } from 'vitest';
import { Person } from '../../schema/entities/person.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { PerformanceRecord } from '../../schema/entities/performance-record.entity.js';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import type { FieldKind } from '../../schema/shared/field-kinds.js';
import { importableModels, importColumns, type ImportColumn } from '../../server/import/columns.js';
import { readBoolean, readDate, readDecimal, readEnum, readInt } from '../../server/import/cell-values.js';
import { instructionHeadings, templateRowCount, templateSheets, writeTemplate } from '../../server/import/template.js';

type Language = 'zh' | 'en';
const languages: Language[] = ['zh', 'en'];
const label = (item: { labelZh: string; labelEn: string }, language: Language) => (language === 'zh' ? item.labelZh : item.labelEn);
const header = (column: ImportColumn, language: Language) => `${label(column, language)}${column.required ? '*' : ''}`;

async function templateOf(model: ModelMeta, language: Language): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // A copy as a plain ArrayBuffer: exceljs's typings predate Node's generic Buffer.
  await workbook.xlsx.load(Uint8Array.from(await writeTemplate(model, language)).buffer);
  return workbook;
}

/** The values a list validation offers: an inline list, or the cells of the range it points at. */
function listValues(workbook: ExcelJS.Workbook, formula: string): string[] {
  const inline = /^"(.*)"$/.exec(formula);
  if (inline) return inline[1].split(',');
  const match = /^'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`not a list formula: ${formula}`);
  const [, name, column, first, lastColumn, last] = match;
  expect(lastColumn).toBe(column);
  const sheet = workbook.getWorksheet(name.replace(/''/g, "'"));
  if (!sheet) throw new Error(`no sheet ${name}`);
  return Array.from({ length: Number(last) - Number(first) + 1 }, (_, index) => String(sheet.getCell(`${column}${Number(first) + index}`).value));
}

/** Whether an example cell is one the importer reads without refusal, by the column's kind. */
const readers: Partial<Record<FieldKind, (value: unknown, column: ImportColumn) => boolean>> = {
  date: (value) => value instanceof Date && readDate(value).ok,
  int: (value, { field: { constraints: c } }) => {
    const read = readInt(value);
    return read.ok && read.value >= (c.min ?? -Infinity) && read.value <= (c.max ?? Infinity);
  },
  decimal: (value, { field: { constraints: c } }) => typeof value === 'number' && readDecimal(value).ok && value >= (c.min ?? -Infinity) && value <= (c.max ?? Infinity),
  money: (value) => typeof value === 'number' && readDecimal(value).ok && value >= 0,
  boolean: (value) => {
    const read = readBoolean(value);
    return read.ok && read.value;
  },
  enum: (value, { field }) => readEnum(value, field.enum!).ok,
  text: (value, { field }) => typeof value === 'string' && value.length > 0 && [...value].length <= (field.constraints.maxLength ?? Infinity),
  longText: (value) => typeof value === 'string' && value.length > 0,
  reference: (value) => typeof value === 'string' && value.length > 0,
};

const models = importableModels();

describe('import templates', () => {
  it('exist for the secretariat’s records and regions', () => {
    expect(models.length).toBeGreaterThanOrEqual(20);
    expect(models).toContain(modelOf(Region));
    expect(models.length).toBeLessThanOrEqual(domainEntities.length);
  });

  /** The template's example ID number: born on the example day (2024-03-01), male — agreeing with the row's other cells. */
  const exampleIdNumber = `62082220240301101${idNumberCheckCharacter('62082220240301101')}`;

  describe.each(models.flatMap((model) => languages.map((language) => [model.name, language, model] as const)))('%s (%s)', (_name, language, model) => {
    const columns = importColumns(model);

    it('head one column per importable field with its label, * on the required ones, frozen', async () => {
      const workbook = await templateOf(model, language);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe(label(model, language).slice(0, 31));
      const row = sheet.getRow(1);
      expect(row.cellCount).toBe(columns.length);
      expect(columns.map((_, index) => row.getCell(index + 1).value)).toEqual(columns.map((column) => header(column, language)));
      expect(columns.filter((column) => column.required).length).toBeGreaterThan(0);
      columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        expect(cell.font?.bold, column.key).toBe(true);
        // Required headers are red; the others keep the default colour.
        expect(cell.font?.color?.argb, column.key).toBe(column.required ? 'FFC00000' : undefined);
      });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });

    it('offer exactly the enum labels and 是/否 as drop-down lists, down to the last row', async () => {
      const workbook = await templateOf(model, language);
      const sheet = workbook.worksheets[0];
      columns.forEach((column, index) => {
        const letter = sheet.getColumn(index + 1).letter;
        const [first, last] = [sheet.getCell(`${letter}2`).dataValidation, sheet.getCell(`${letter}${templateRowCount + 1}`).dataValidation];
        if (column.field.kind !== 'enum' && column.field.kind !== 'boolean') {
          expect(first?.type, column.key).not.toBe('list');
          return;
        }
        expect(first?.type, column.key).toBe('list');
        expect(last, column.key).toEqual(first);
        const expected = column.field.kind === 'enum' ? column.field.enum!.options.map((option) => label(option, language)) : language === 'zh' ? ['是', '否'] : ['Yes', 'No'];
        expect(listValues(workbook, String(first.formulae[0])), column.key).toEqual(expected);
      });
      expect(workbook.getWorksheet(templateSheets.lists[language])?.state).toBe('hidden');
    });

    it('give an example row the importer reads in every column', async () => {
      const workbook = await templateOf(model, language);
      const sheet = workbook.worksheets[0];
      const row = sheet.getRow(2);
      expect(row.cellCount).toBe(columns.length);
      columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        const read = readers[column.field.kind];
        expect(read, `${column.key}: ${column.field.kind} has no reader in this test`).toBeDefined();
        expect(read!(cell.value, column), `${column.key} = ${String(cell.value)}`).toBe(true);
        expect(cell.font?.italic, column.key).toBe(true);
        if (column.field.kind === 'date') expect(cell.numFmt).toBe('yyyy-mm-dd');
        if (column.field.kind === 'money') expect(cell.numFmt).toBe('#,##0.00');
      });
      expect(sheet.rowCount).toBe(2);
    });

    it('explain every column on the instructions sheet', async () => {
      const workbook = await templateOf(model, language);
      const sheet = workbook.getWorksheet(templateSheets.instructions[language])!;
      expect(sheet).toBeDefined();
      const texts: string[][] = [];
      sheet.eachRow((row) => texts.push([1, 2, 3, 4, 5].map((at) => String(row.getCell(at).value ?? ''))));
      expect(texts.some(([first]) => first.includes(language === 'zh' ? '第 2 行为示例，导入前请删除' : 'Row 2 is an example'))).toBe(true);
      const head = texts.findIndex((cells) => cells.join('|') === instructionHeadings[language].join('|'));
      expect(head).toBeGreaterThan(0);
      const table = texts.slice(head + 1);
      expect(table.map(([first]) => first)).toEqual(columns.map((column) => header(column, language)));
      columns.forEach((column, index) => {
        const [, required, kind, accepts] = table[index];
        expect(required, column.key).toBe((language === 'zh' ? ['是', '否'] : ['Yes', 'No'])[column.required ? 0 : 1]);
        expect(kind.length, column.key).toBeGreaterThan(0);
        for (const option of column.field.enum?.options ?? []) expect(accepts, column.key).toContain(label(option, language));
        if (column.reference) expect(accepts.toLowerCase(), column.key).toContain(label(column.reference.model, language).toLowerCase());
      });
    });
  });

  it('name references by their target’s lookup fields, with an example', async () => {
    const workbook = await templateOf(modelOf(Person), 'zh');
    const rows: string[] = [];
    workbook.getWorksheet('说明')!.eachRow((row) => rows.push(`${row.getCell(1).value}|${row.getCell(4).value}`));
    expect(rows).toContain('登记区划|填写行政区划的区划代码或名称，如 620822');
    const deputy = await templateOf(modelOf(PerformanceRecord), 'en');
    const english: string[] = [];
    deputy.getWorksheet('Instructions')!.eachRow((row) => english.push(`${row.getCell(1).value}|${row.getCell(4).value}`));
    expect(english).toContain(`Deputy*|The deputy's resident ID number or name, e.g. ${exampleIdNumber}`);
  });

  it('keep long enum lists on the hidden sheet and explain headers in notes', async () => {
    const workbook = await templateOf(modelOf(Person), 'zh');
    const sheet = workbook.worksheets[0];
    const ethnicity = importColumns(modelOf(Person)).findIndex((column) => column.key === 'ethnicity');
    const validation = sheet.getRow(2).getCell(ethnicity + 1).dataValidation;
    expect(String(validation.formulae[0])).toMatch(/^'选项'!\$[A-Z]+\$1:\$[A-Z]+\$56$/);
    const idNumber = importColumns(modelOf(Person)).findIndex((column) => column.key === 'idNumber');
    const note = sheet.getRow(1).getCell(idNumber + 1).note;
    expect(typeof note === 'string' ? note : note?.texts?.map((text) => text.text).join('')).toBe('18 位，末位为 ISO 7064 校验码');
    // The example's ID number stays text: 18 digits as a number would lose its last ones.
    expect(sheet.getRow(2).getCell(idNumber + 1).value).toBe(exampleIdNumber);
    expect(sheet.getRow(2).getCell(idNumber + 1).numFmt).toBe('@');
  });
});
