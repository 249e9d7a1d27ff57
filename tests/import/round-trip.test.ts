/**
 * The round trip of every importable entity (issue 19), generated from the model: a valid record's values
 * written into the entity's own template as a clerk would type them (enums by label, flags as 是/否, dates as
 * date cells, terms as 第十八届, references by their natural key or title), imported all or nothing, read back through the API
 * as exactly what was meant, and exported as xlsx with the same values in typed cells.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { formatTerm } from '../../schema/shared/term.js';
import { importableModels, importColumns, type ImportColumn } from '../../server/import/columns.js';
import { recordCreator, sampleInput, type CreateRecord } from '../support/samples.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let create: CreateRecord;
beforeAll(() => {
  create = recordCreator(env.server);
});

const ok = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await env.server.gql(query, variables);
  expect(response.errors, query).toBeUndefined();
  return response.data;
};

/** The text a clerk writes for the referenced record: the value of the column's first lookup path. */
async function lookupText(column: ImportColumn, id: string): Promise<string> {
  const target = column.reference!.model;
  const [first, second] = column.reference!.by[0];
  const selection = second ? `${first} { ${second} }` : first;
  const record = (await ok(`query ($id: ID!) { r: ${inflection.one(target)}(id: $id) { ${selection} } }`, { id })).r;
  return String(second ? record[first][second] : record[first]);
}

/** A value as a clerk types it into the template's cell. */
async function cellOf(column: ImportColumn, value: unknown): Promise<unknown> {
  if (value === null || value === undefined) return null;
  const field = column.field;
  if (column.reference) return lookupText(column, String(value));
  if (field.kind === 'enum') return field.enum!.label(String(value), 'zh');
  if (field.kind === 'boolean') return value ? '是' : '否';
  if (field.kind === 'date') return new Date(`${String(value)}T00:00:00Z`);
  if (field.kind === 'money' || field.kind === 'decimal') return Number(value);
  // A term as exports write it and clerks type it (第十八届): read back as its number (issue 22).
  if (field.display === 'term') return formatTerm(value as number, 'zh');
  return value;
}

const models = importableModels();

describe.each(models.map((model, index) => [model.name, model, index] as const))('%s', (_name: string, model: ModelMeta, index: number) => {
  it('comes in from its own template as typed, and goes out as xlsx with the same values', async () => {
    // A seed of its own: the records it refers to are made for it, and none of them is the one imported.
    const input = await sampleInput(model, 700 + index, create);
    const columns = importColumns(model);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(model.labelZh);
    sheet.addRow(columns.map((column) => `${column.labelZh}${column.required ? '*' : ''}`));
    sheet.addRow(await Promise.all(columns.map((column) => cellOf(column, input[column.key]))));
    const admin = await env.server.as('ADMIN');
    const response = await fetch(`${env.server.url}/import/${model.name}?mode=all`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-filename': encodeURIComponent(`${model.labelZh}.xlsx`) },
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    const report = (await response.json()) as { created: number; refused: number; committed: boolean; issues: unknown[] };
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ created: 1, refused: 0, committed: true });

    // Read back: the newest record is the one imported, with exactly the values meant.
    const scalars = columns.filter((column) => !column.reference);
    const references = columns.filter((column) => column.reference);
    const selection = [...scalars.map((column) => column.field.name), ...references.map((column) => `${column.field.name} { id }`)].join(' ');
    const list = inflection.list(model);
    const [record] = (await ok(`{ r: ${list}(orderBy: [{ field: id, direction: DESC }], limit: 1) { nodes { id ${selection} } } }`)).r.nodes;
    for (const column of scalars) {
      const sent = input[column.key];
      if (sent === undefined) continue;
      const got = record[column.field.name];
      if (column.field.kind === 'money' || column.field.kind === 'decimal') expect(Number(got), column.key).toBe(Number(sent));
      else expect(got, column.key).toEqual(sent);
    }
    for (const column of references) expect(record[column.field.name]?.id ?? null, column.key).toEqual(input[column.key] ?? null);

    // Out again as xlsx: the same values, typed as the template took them.
    const exportQuery = `query ($id: ID) { ${list}(where: { id: { eq: $id } }) { nodes { ${scalars.map((column) => column.field.name).join(' ')} } } }`;
    const exported = await fetch(`${env.server.url}/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ query: exportQuery, variables: { id: record.id }, format: 'xlsx' }),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await exported.arrayBuffer());
    const row = book.worksheets[0].getRow(2);
    for (const [index, column] of scalars.entries()) {
      const sent = input[column.key];
      if (sent === undefined || sent === null) continue;
      expect(row.getCell(index + 1).value, column.key).toEqual(await cellOf(column, sent));
    }
  });
});
