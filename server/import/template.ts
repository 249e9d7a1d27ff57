/**
 * The spreadsheet a clerk fills in to import a model's records (issue 19), written from the model alone: one
 * column per importable field headed by its label (required ones marked `*` in red), drop-down lists of enum
 * labels and 是/否, an example row, and a sheet of instructions that says what each column accepts. A field added
 * to the model appears in its template with no code.
 */
import ExcelJS from 'exceljs';
import type { FieldKind } from '../../schema/shared/field-kinds.js';
import { idNumberCheckCharacter, type ValidatorKey } from '../../schema/shared/validators.js';
import { displayWidth, sheetName } from '../../schema/shared/spreadsheet-text.js';
import { fieldOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import type { Language } from '../graphql/language.js';
import { importColumns, type ImportColumn } from './columns.js';

type Text = Record<Language, string>;
type CellValue = string | number | Date;

/** Rows a template offers for data below its header (drop-down lists reach this far). */
export const templateRowCount = 10_000;
const lastRow = templateRowCount + 1;

/** The names of a template's sheets besides the model's own. */
export const templateSheets = { instructions: { zh: '说明', en: 'Instructions' }, lists: { zh: '选项', en: 'Lists' } } satisfies Record<string, Text>;

const yesNo = { zh: ['是', '否'], en: ['Yes', 'No'] } satisfies Record<Language, string[]>;
/** The example row's dates: a past day, and the end of that year for the end of a range. */
const exampleDay = new Date(Date.UTC(2024, 2, 1));
const exampleRangeEnd = new Date(Date.UTC(2024, 11, 31));

const labelOf = (item: { labelZh: string; labelEn: string }, language: Language) => (language === 'zh' ? item.labelZh : item.labelEn);
const clamp = (value: number, min = -Infinity, max = Infinity) => Math.min(max, Math.max(min, value));

/** A field's explanation beyond its label, in one language (descriptions read `标签 / Label — 说明 / Explanation`). */
export function fieldExplanation(field: FieldMeta, language: Language): string {
  const dash = field.description.indexOf(' — ');
  if (dash < 0) return '';
  const detail = field.description.slice(dash + 3);
  const slash = detail.indexOf(' / ');
  if (slash < 0) return detail;
  return language === 'zh' ? detail.slice(0, slash) : detail.slice(slash + 3);
}

/**
 * An ID number that agrees with the rest of the example row, so that the row as it stands would pass the
 * rules that read a person's birth date and gender from it: born on the example day, male (an odd 17th digit,
 * the gender enum's first option).
 */
const exampleIdNumber = (() => {
  const first17 = `620822${exampleDay.toISOString().slice(0, 10).replaceAll('-', '')}101`;
  return first17 + idNumberCheckCharacter(first17);
})();

/** Values a validated text field is shown with, realistic rather than 示例…. */
const validatorExamples: Partial<Record<ValidatorKey, string>> = { idNumber: exampleIdNumber, mobile: '13800138000', divisionCode: '620822', username: 'zhangsan' };

const validatorHints: Record<ValidatorKey, Text | undefined> = {
  idNumber: { zh: '18 位公民身份号码', en: '18-character resident ID number' },
  mobile: { zh: '11 位手机号码', en: '11-digit mobile number' },
  divisionCode: { zh: '6 位或 9 位行政区划代码', en: '6- or 9-digit division code' },
  plainText: { zh: '单行文字', en: 'one line' },
  longText: { zh: '可分行', en: 'may span lines' },
  decimal: undefined,
  username: { zh: '字母、数字及 _ . -', en: 'letters, digits and _ . -' },
  happened: { zh: '不晚于今天', en: 'not later than today' },
};

/** A text field's example: its validator's, else the one its description gives after 如：, else 示例 and its label. */
function textExample(field: FieldMeta, language: Language): string {
  const given = (field.constraints.validator && validatorExamples[field.constraints.validator]) || /如[：:]\s*([^，,；;]+)/.exec(fieldExplanation(field, 'zh'))?.[1].replace(/（.*$/, '').trim();
  const example = given || (language === 'zh' ? `示例${field.labelZh}` : `Example ${field.labelEn.toLowerCase()}`);
  return [...example].slice(0, field.constraints.maxLength ?? Infinity).join('');
}

/** The text that finds the example record along a lookup path (`person.idNumber`: a person's ID number). */
function pathExample(model: ModelMeta, path: string[], language: Language): string {
  const [first, ...rest] = path;
  const field = fieldOf(model, first);
  return rest.length ? pathExample(targetOf(field), rest, language) : textExample(field, language);
}

const pathLabel = (model: ModelMeta, path: string[], language: Language): string => {
  const field = fieldOf(model, path[0]);
  return path.length > 1 ? pathLabel(targetOf(field), path.slice(1), language) : labelOf(field, language);
};

const range = (min: number | undefined, max: number | undefined, language: Language): string[] => {
  if (min !== undefined && max !== undefined) return [language === 'zh' ? `${min}–${max}` : `from ${min} to ${max}`];
  if (min !== undefined) return [language === 'zh' ? `不小于 ${min}` : `at least ${min}`];
  return max !== undefined ? [language === 'zh' ? `不大于 ${max}` : `at most ${max}`] : [];
};
const hint = (field: FieldMeta, language: Language) => {
  const text = field.constraints.validator && validatorHints[field.constraints.validator];
  return text ? [text[language]] : [];
};
const list = (parts: string[], language: Language) => parts.join(language === 'zh' ? '，' : '; ');

/** What a template does with a kind of field: its word, cell format, example value and what a cell accepts. */
type KindSpec = {
  word: Text;
  numFmt?: string;
  example(column: ImportColumn, language: Language, model: ModelMeta): CellValue;
  accepts(column: ImportColumn, language: Language): string;
};

const notImportable = (kind: string) => () => {
  throw new Error(`a ${kind} field is not imported from spreadsheets`);
};

const textKind = (word: Text): KindSpec => ({
  word,
  numFmt: '@',
  example: (column, language) => textExample(column.field, language),
  accepts: ({ field }, language) => {
    const length = field.constraints.maxLength;
    const most = length === undefined ? [] : [language === 'zh' ? `最多 ${length} 字` : `at most ${length} characters`];
    return list([...hint(field, language), ...most], language);
  },
});

const kinds: Record<FieldKind, KindSpec> = {
  text: textKind({ zh: '文本', en: 'Text' }),
  longText: textKind({ zh: '长文本', en: 'Long text' }),
  int: {
    word: { zh: '整数', en: 'Whole number' },
    numFmt: '0',
    example: ({ field: { constraints: c } }) => ((c.min ?? 0) >= 1900 ? clamp(exampleDay.getUTCFullYear(), c.min, c.max) : clamp(10, c.min, c.max)),
    accepts: ({ field: { constraints: c } }, language) => list([language === 'zh' ? '整数' : 'a whole number', ...range(c.min, c.max, language)], language),
  },
  decimal: {
    word: { zh: '数字', en: 'Number' },
    example: ({ field: { constraints: c } }) => Number(clamp(10.5, c.min, c.max).toFixed(c.scale ?? 2)),
    accepts: ({ field: { constraints: c } }, language) =>
      list([language === 'zh' ? `最多 ${c.scale ?? 2} 位小数` : `at most ${c.scale ?? 2} decimal${c.scale === 1 ? '' : 's'}`, ...range(c.min, c.max, language)], language),
  },
  money: {
    word: { zh: '金额（元）', en: 'Amount (CNY)' },
    numFmt: '#,##0.00',
    example: ({ field: { constraints: c } }) => clamp(15000, c.min, c.max),
    accepts: ({ field: { constraints: c } }, language) => list([language === 'zh' ? '如 15000、15,000.00 或 1.5万' : 'e.g. 15000, 15,000.00 or 1.5万', ...range(c.min, c.max, language)], language),
  },
  date: {
    word: { zh: '日期', en: 'Date' },
    numFmt: 'yyyy-mm-dd',
    example: ({ field }, _language, model) => (model.ranges.some(([, end]) => end === field.name) ? exampleRangeEnd : exampleDay),
    accepts: ({ field }, language) => list([language === 'zh' ? '如 2024-03-01、2024/3/1 或 2024年3月1日' : 'e.g. 2024-03-01, 2024/3/1 or 2024年3月1日', ...hint(field, language)], language),
  },
  datetime: {
    word: { zh: '日期时间', en: 'Date and time' },
    numFmt: 'yyyy-mm-dd hh:mm',
    example: () => new Date(exampleDay.getTime() + 9.5 * 3_600_000),
    accepts: (_column, language) => (language === 'zh' ? '如 2024-03-01 09:30' : 'e.g. 2024-03-01 09:30'),
  },
  boolean: {
    word: { zh: '是否', en: 'Yes/No' },
    numFmt: '@',
    example: (_column, language) => yesNo[language][0],
    accepts: (_column, language) => yesNo[language].join(language === 'zh' ? ' 或 ' : ' or '),
  },
  enum: {
    word: { zh: '选项', en: 'Choice' },
    numFmt: '@',
    example: ({ field }, language) => labelOf(field.enum!.options[0], language),
    accepts: ({ field }, language) => field.enum!.options.map((option) => labelOf(option, language)).join(language === 'zh' ? '、' : ', '),
  },
  reference: {
    word: { zh: '引用', en: 'Reference' },
    numFmt: '@',
    example: ({ reference }, language) => {
      const { model, by } = reference!;
      return by.length ? pathExample(model, by[0], language) : language === 'zh' ? `示例${model.labelZh}` : `Example ${model.labelEn.toLowerCase()}`;
    },
    accepts: (column, language) => {
      const { model, by } = column.reference!;
      const paths = by.map((path) => pathLabel(model, path, language));
      const example = kinds.reference.example(column, language, model);
      return language === 'zh'
        ? `填写${model.labelZh}的${paths.join('或')}，如 ${example}`
        : `The ${model.labelEn.toLowerCase()}'s ${paths.map((path) => path.charAt(0).toLowerCase() + path.slice(1)).join(' or ')}, e.g. ${example}`;
    },
  },
  referenceList: { word: { zh: '引用列表', en: 'References' }, example: notImportable('referenceList'), accepts: notImportable('referenceList') },
  json: { word: { zh: 'JSON', en: 'JSON' }, example: notImportable('json'), accepts: notImportable('json') },
};

/** A column's header: its label, with a trailing `*` when required. */
export function templateHeader(column: ImportColumn, language: Language): string {
  return `${labelOf(column, language)}${column.required ? '*' : ''}`;
}

/**
 * exceljs keeps a sheet's validations by address and writes a range address as one `sqref`; its typings only
 * expose the per-cell setter, which would create 10,000 styled empty cells per column.
 */
type WithRangeValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

const headerFill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** The workbook a clerk downloads from a list page to import `model`'s records, in the chosen language. */
/** The template's example row, one value per column of `importColumns(model)` (an import skips it when it is left in). */
export function exampleRow(model: ModelMeta, language: Language): CellValue[] {
  return importColumns(model).map((column) => kinds[column.field.kind].example(column, language, model));
}

export async function writeTemplate(model: ModelMeta, language: Language): Promise<Buffer> {
  const columns = importColumns(model);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = language === 'zh' ? '人大履职数据台' : 'Congress Records Console';
  const title = sheetName(labelOf(model, language));
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const instructions = workbook.addWorksheet(templateSheets.instructions[language]);
  const lists = workbook.addWorksheet(templateSheets.lists[language], { state: 'hidden' });

  const examples = exampleRow(model, language);
  sheet.columns = columns.map((column, index) => {
    const shown = examples[index] instanceof Date ? '2024-03-01' : String(examples[index]);
    const width = clamp(Math.max(displayWidth(templateHeader(column, language)), displayWidth(shown)) + 4, 10, 40);
    const numFmt = kinds[column.field.kind].numFmt;
    return { header: templateHeader(column, language), key: column.key, width, ...(numFmt ? { style: { numFmt } } : {}) };
  });

  // Enum labels go to the hidden sheet, one column per enum, and the lists point at them: an inline list is
  // limited to 255 characters (56 ethnic groups are not) and would split a label that holds a comma.
  const listRanges = new Map<string, string>();
  const listOf = (column: ImportColumn): string | undefined => {
    if (column.field.kind === 'boolean') return `"${yesNo[language].join(',')}"`;
    const def = column.field.enum;
    if (column.field.kind !== 'enum' || !def) return undefined;
    if (!listRanges.has(def.name)) {
      const at = lists.getColumn(listRanges.size + 1);
      def.options.forEach((option, index) => (lists.getCell(index + 1, at.number).value = labelOf(option, language)));
      listRanges.set(def.name, `${quoteSheet(lists.name)}!$${at.letter}$1:$${at.letter}$${def.options.length}`);
    }
    return listRanges.get(def.name);
  };

  const header = sheet.getRow(1);
  const example = sheet.getRow(2);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = column.required ? { bold: true, color: { argb: 'FFC00000' } } : { bold: true };
    cell.fill = headerFill(column.required ? 'FFFDE2E2' : 'FFF2F2F2');
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF999999' } } };
    const explanation = fieldExplanation(column.field, language);
    if (explanation) cell.note = explanation;

    const sample = example.getCell(index + 1);
    sample.value = examples[index];
    sample.font = { italic: true, color: { argb: 'FF808080' } };

    const formula = listOf(column);
    if (formula) {
      const letter = sheet.getColumn(index + 1).letter;
      (sheet as unknown as WithRangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [formula],
        showErrorMessage: true,
        // A warning, not a stop: the reader also takes the other language's label and the code.
        errorStyle: 'warning',
        errorTitle: language === 'zh' ? '不在列表中' : 'Not in the list',
        error: language === 'zh' ? '请从下拉列表中选择。' : 'Please pick a value from the drop-down list.',
      });
    }
  });
  header.height = 22;
  example.getCell(1).note = language === 'zh' ? '第 2 行为示例，导入前请删除' : 'Row 2 is an example: delete it before importing';

  writeInstructions(instructions, model, columns, title, language);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const intro: Record<Language, (title: string) => string[]> = {
  zh: (title) => [
    `1. 请在“${title}”工作表中填写，每行一条记录；第 1 行为列名，请勿修改、删除或调换顺序。`,
    '2. 第 2 行为示例，导入前请删除。',
    '3. 列名带 * 的（红色）为必填项，其余可留空。',
    '4. 日期可写作 2024-03-01、2024/3/1、2024年3月1日，或使用 Excel 的日期格式。',
    '5. 金额以元为单位，可写作 15000、15,000.00 或 1.5万。',
    '6. 是否类填写“是”或“否”；选项类请从下拉列表中选择。',
    '7. 数字和字母可以是全角（如 １２３），单元格前后的空格会被忽略。',
    '8. 引用其他记录时，填写该记录的代码、身份号码或名称，见下表“可填写的值”。',
  ],
  en: (title) => [
    `1. Fill in the "${title}" sheet, one record per row; row 1 holds the column names: do not change, delete or reorder them.`,
    '2. Row 2 is an example: delete it before importing.',
    '3. Columns marked * (in red) are required; the others may be left empty.',
    '4. Dates may be written 2024-03-01, 2024/3/1, 2024年3月1日, or as Excel dates.',
    '5. Amounts are in yuan: 15000, 15,000.00 or 1.5万.',
    '6. Yes/No columns take Yes or No (是 or 否); choice columns take a value from the drop-down list.',
    '7. Full-width digits and letters (１２３) are accepted; spaces around a value are ignored.',
    '8. A reference names the other record by its code, ID number or name: see "Accepted values" below.',
  ],
};

/** The instructions table's headings; its first column holds the headers of the template's columns. */
export const instructionHeadings = {
  zh: ['列名', '必填', '类型', '可填写的值', '说明'],
  en: ['Column', 'Required', 'Kind', 'Accepted values', 'Description'],
} satisfies Record<Language, string[]>;

function writeInstructions(sheet: ExcelJS.Worksheet, model: ModelMeta, columns: ImportColumn[], title: string, language: Language): void {
  sheet.columns = [24, 8, 14, 60, 50].map((width) => ({ width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  const heading = sheet.addRow([language === 'zh' ? `${model.labelZh}导入模板填写说明` : `How to fill in the ${model.labelEn.toLowerCase()} import template`]);
  heading.font = { bold: true, size: 14 };
  for (const line of intro[language](title)) sheet.addRow([line]).alignment = { wrapText: false };
  sheet.addRow([]);
  const tableHead = sheet.addRow(instructionHeadings[language]);
  tableHead.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = headerFill('FFF2F2F2');
  });
  for (const column of columns) {
    const kind = kinds[column.field.kind];
    const row = sheet.addRow([
      templateHeader(column, language),
      yesNo[language][column.required ? 0 : 1],
      kind.word[language],
      kind.accepts(column, language),
      fieldExplanation(column.field, language),
    ]);
    if (column.required) row.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  }
}
