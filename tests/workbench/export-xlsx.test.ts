/**
 * Exports as xlsx (issue 19): typed cells — dates as dates, money as numbers in the 元 format, counts as
 * numbers —, enum labels, a bold header row that stays frozen; and no text a record holds runs as a formula
 * in any CSV or xlsx the server writes (a person named `=HYPERLINK(…)`).
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FundingAllocation } from '../../schema/entities/funding-allocation.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { recordCreator } from '../support/samples.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

async function exportOf(body: Record<string, unknown>): Promise<Response> {
  const admin = await env.server.as('ADMIN');
  return fetch(`${env.server.url}/export`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie }, body: JSON.stringify(body) });
}

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0];
}

const hostile = ['=HYPERLINK("http://example.invalid","点此")', '+1+2', '@SUM(1,2)', '-2+3', '＝1+1'];

beforeAll(async () => {
  const gql = env.server.gql;
  const province = (await gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  const county = (await gql(`mutation { createRegion(input: { code: "620822", name: "灵台县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  for (const name of ['王秀兰', ...hostile]) {
    const person = await gql(`mutation ($name: String!) { createPerson(input: { name: $name }) { id } }`, { name });
    expect(person.errors, name).toBeUndefined();
    await gql(`mutation { createDeputy(input: { personId: "${person.data.createPerson.id}", level: COUNTY, termNumber: 18, regionId: "${county}", electedOn: "2021-10-15" }) { id } }`);
  }
  await recordCreator(env.server)(modelOf(FundingAllocation), 1);
});

describe('xlsx exports', () => {
  it('type their cells, label enums, and keep a bold header row frozen', async () => {
    const response = await exportOf({ query: `{ deputies(orderBy: [{ field: id }]) { nodes { termNumber electedOn level person { name } } } }`, format: 'xlsx', filename: '代表名单' });
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('代表名单.xlsx'));
    const sheet = await sheetOf(response);
    expect(sheet.name).toBe('代表名单');
    expect(sheet.getRow(1).values).toEqual([undefined, '届次', '当选日期', '代表层级', '人员']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    // A term reads as its readers write it (issue 22), as text.
    expect(first.getCell(1).value).toBe('第十八届');
    expect(first.getCell(2).value).toEqual(new Date('2021-10-15T00:00:00Z'));
    expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(3).value).toBe('县人大代表');
    expect(first.getCell(4).value).toBe('王秀兰');
    expect(sheet.rowCount).toBe(1 + 1 + hostile.length);
    // Columns fit their text: a Chinese header of four characters is at least eight units wide.
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);
  });

  it('write money as numbers in the 元 format', async () => {
    const sheet = await sheetOf(await exportOf({ query: `{ fundingAllocations { nodes { fiscalYear budgeted region { name } } } }`, format: 'xlsx' }));
    const cell = sheet.getRow(2).getCell(2);
    expect(cell.value).toBe(20000);
    expect(cell.numFmt).toBe('#,##0.00"元"');
    expect(sheet.getRow(2).getCell(1).value).toEqual(expect.any(Number));
  });

  it('neutralise text that a spreadsheet would run as a formula, in xlsx and in CSV', async () => {
    const query = `{ persons(where: { NOT: { name: { startsWith: "样本" } } }, orderBy: [{ field: id }]) { nodes { name } } }`;
    const sheet = await sheetOf(await exportOf({ query, format: 'xlsx' }));
    const names = sheet.getColumn(1).values.slice(2) as unknown[];
    expect(names).toEqual(['王秀兰', ...hostile.map((name) => `'${name}`)]);
    // Strings, never formulas.
    expect(
      sheet
        .getColumn(1)
        .values.slice(2)
        .every((value) => typeof value === 'string'),
    ).toBe(true);
    const csv = (await (await exportOf({ query, format: 'csv' })).text()).split('\r\n');
    expect(csv.slice(1, -1)).toEqual(['王秀兰', `"'=HYPERLINK(""http://example.invalid"",""点此"")"`, "'+1+2", `"'@SUM(1,2)"`, "'-2+3", "'＝1+1"]);
  });

  it('refuse a format it does not write, saying which it does', async () => {
    const response = await exportOf({ query: `{ persons { nodes { name } } }`, format: 'xls' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0].message).toContain('xlsx');
  });
});
