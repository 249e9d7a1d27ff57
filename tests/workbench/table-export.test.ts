/**
 * Comparison tables and chart data as Excel (issue 19): POST /export/table writes the table the console
 * shows — numbers as numbers, units in the headers, text safe from formula injection — for signed-in users,
 * bounded in size.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { maxTableCells } from '../../server/workbench/table-export.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

async function post(body: unknown, cookie?: string) {
  return fetch(`${env.server.url}/export/table`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

describe('table exports', () => {
  it('write the table as shown: numbers as numbers, a frozen bold header, formula-safe text', async () => {
    const leader = await env.server.as('LEADER');
    const table = {
      title: '代表进站率',
      filename: '代表进站率-平凉市-县级-2024',
      headers: ['区划', '区划代码', '2024（%）'],
      rows: [
        ['灵台县', '620822', 91.2],
        ['=HYPERLINK("x")', '620823', null],
      ],
    };
    const response = await post(table, leader.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('代表进站率-平凉市-县级-2024.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('代表进站率');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['区划', '区划代码', '2024（%）']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['灵台县', '620822', 91.2]);
    expect(sheet.getRow(3).getCell(1).value).toBe(`'=HYPERLINK("x")`);
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
  });

  it('write a whole dashboard as one workbook, a sheet per table, named after each (made unique)', async () => {
    const leader = await env.server.as('LEADER');
    const sheets = [
      { title: '排名表', headers: ['名次', '区划', '代表进站率（%）'], rows: [[1, '灵台县', 91.2]] },
      { title: '代表进站率', headers: ['区划', '2024（%）'], rows: [['灵台县', 91.2]] },
      { title: '代表进站率', headers: ['年度', '灵台县（%）'], rows: [['2024', 91.2]] },
    ];
    const response = await post({ sheets, filename: '看板-平凉市' }, leader.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('看板-平凉市.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['排名表', '代表进站率', '代表进站率 (2)']);
    expect((workbook.worksheets[2].getRow(2).values as unknown[]).slice(1)).toEqual(['2024', 91.2]);
    // The bound holds across the sheets together.
    const half = { title: 'x', headers: Array.from({ length: 1000 }, (_, index) => `c${index}`), rows: Array.from({ length: maxTableCells / 2000 + 1 }, () => []) };
    expect((await post({ sheets: [half, half] }, leader.cookie)).status).toBe(400);
  });

  it('refuse anyone not signed in, a malformed table and one too large', async () => {
    expect((await post({ headers: ['a'], rows: [[1]] })).status).toBe(401);
    const admin = await env.server.as('ADMIN');
    expect((await post({ headers: ['a'], rows: [[{ formula: 'x' }]] }, admin.cookie)).status).toBe(400);
    const wide = Array.from({ length: 1000 }, (_, index) => `c${index}`);
    const tooLarge = await post({ headers: wide, rows: Array.from({ length: maxTableCells / 1000 + 1 }, () => []) }, admin.cookie);
    expect(tooLarge.status).toBe(400);
    expect(((await tooLarge.json()) as { errors: { message: string }[] }).errors[0].message).toContain(String(maxTableCells));
  });
});
