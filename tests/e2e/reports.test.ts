/**
 * 报表 in Chromium on the demo data set (issue 19): the reports page, then each report — 代表名册, 建议办理情况表
 * and the comparison report — opened, checked on screen against the API, and printed to PDF on A4. Each PDF
 * is read back (support/pdf.ts: its `/Type /Page` objects, and from the tagged PDF the sheet each table row
 * was drawn on) and held against where the report's blocks must fall if the print stylesheet holds
 * (support/pagination.ts, measured in print media at the sheet's width): the page count predicted, every
 * row on one sheet and on the sheet predicted, as many rows on a full sheet as its height allows, the header
 * row on every sheet of its table, nothing wider than the sheet. A roster of long rows shows that the check
 * catches a cut row: printed again with the stylesheet's `break-inside: avoid` overridden, rows straddle sheets.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';
import { idNumber } from './support/fixtures.js';
import { measureBlocks, paginate, sheetHeight, sheetWidth, type Block } from './support/pagination.js';
import { readPrintedPdf, type PrintedPdf } from './support/pdf.js';

let app: ConsoleUnderTest;
let session: Session;

/**
 * Surnames of the long roster by stroke count (丁 2 … 彭 12), each with one count only (not 黄: 11 strokes, 12 as
 * 黃); in Unicode order they would read 丁 周 彭 徐 朱 李 梁 王 石 赵.
 */
const strokes: Record<string, number> = { 丁: 2, 王: 4, 石: 5, 朱: 6, 李: 7, 周: 8, 赵: 9, 徐: 10, 梁: 11, 彭: 12 };
const longRoster = { code: '910102', deputies: 40 };

type Printed = { blocks: Block[]; pdf: PrintedPdf; overflow: { left: number; right: number; scrollWidth: number } };

/** Prints what is on screen as Chromium prints to PDF, after measuring its blocks in print media at the sheet's width. */
async function printReport(testId: string, name: string, override?: string): Promise<Printed> {
  const { page } = session;
  const style = override ? await page.addStyleTag({ content: override }) : undefined;
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: Math.ceil(sheetWidth), height: 1000 });
  try {
    await page.evaluate(`window.dispatchEvent(new Event('beforeprint'))`);
    const blocks = await measureBlocks(page, `[data-testid="${testId}"]`);
    const overflow = await page.evaluate<Printed['overflow']>(`(() => {
      const sheet = document.querySelector('[data-testid="${testId}"]');
      const rights = [...sheet.querySelectorAll('*')].map((element) => element.getBoundingClientRect()).filter((box) => box.width > 0).map((box) => box.right);
      return { left: sheet.getBoundingClientRect().left, right: Math.max(...rights), scrollWidth: document.documentElement.scrollWidth };
    })()`);
    const bytes = await page.pdf({ format: 'A4', printBackground: true, tagged: true });
    fs.writeFileSync(new URL(`./screenshots/${name}.pdf`, import.meta.url), bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    return { blocks, pdf: readPrintedPdf(bytes), overflow };
  } finally {
    await style?.evaluate('(element) => element.remove()');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.emulateMedia({ media: 'screen' });
  }
}

/** The body rows printed on more than one sheet, per table. */
const cutRows = (pdf: PrintedPdf) => pdf.tables.flatMap((table) => table.rows.filter((row) => !row.header && row.pages.length !== 1));

/** Everything the print stylesheet promises, held against the PDF. */
function expectPrintedWhole({ blocks, pdf, overflow }: Printed) {
  // Nothing past the sheet's right margin: the report starts at its left edge and nothing in it is wider.
  expect(overflow.left).toBeGreaterThanOrEqual(0);
  expect(overflow.right).toBeLessThanOrEqual(sheetWidth + 0.01);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(Math.ceil(sheetWidth));
  // Every block fits a sheet (a chart taller than a sheet would be cut whatever the rules).
  expect(blocks.filter((block) => block.height > sheetHeight)).toEqual([]);
  const sheets = paginate(blocks);
  expect(pdf.pageCount).toBe(Math.max(...sheets));
  expect(pdf.tables.length).toBeGreaterThan(0);
  pdf.tables.forEach((table, index) => {
    const body = table.rows.filter((row) => !row.header);
    const headers = table.rows.filter((row) => row.header);
    expect(body.length).toBeGreaterThan(0);
    // No row cut: each drawn on exactly one sheet.
    expect(cutRows({ pageCount: pdf.pageCount, tables: [table] })).toEqual([]);
    // The header row again on every sheet the table's rows are on.
    const spanned = [...new Set(body.map((row) => row.pages[0]))];
    expect(headers.length).toBe(1);
    expect(headers[0].pages).toEqual(spanned);
    const laidOut = blocks.map((block, at) => ({ block, sheet: sheets[at] })).filter(({ block }) => block.kind === 'row' && block.table === index);
    // A table inside a card (the ranking) prints whole on one sheet, as its card does.
    if (laidOut.length === 0) return expect(spanned).toHaveLength(1);
    // Each row on the sheet predicted, so each sheet holds the rows predicted: the page count from the rows.
    expect(body).toHaveLength(laidOut.length);
    expect(body.map((row) => row.pages[0])).toEqual(laidOut.map(({ sheet }) => sheet));
    // Rows per sheet within what a sheet's height allows for the shortest and the tallest row (sheets in the middle are full).
    const heights = laidOut.map(({ block }) => block.height);
    const room = sheetHeight - (laidOut[0].block.header ?? 0);
    const perSheet = spanned.map((sheet) => body.filter((row) => row.pages[0] === sheet).length);
    // Every sheet the table spans holds rows, no more than its height allows; those between its first and last are full.
    for (const count of perSheet) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(Math.floor(room / Math.min(...heights)));
    }
    for (const count of perSheet.slice(1, -1)) expect(count).toBeGreaterThanOrEqual(Math.floor(room / Math.max(...heights)));
  });
}

/** The texts of one column of a report's table. */
const column = (testId: string, index: number) => session.page.getByTestId(testId).locator(`tbody tr[data-testid="report-row"] td:nth-child(${index})`).allInnerTexts();

/** A report table's body rows as their cells' texts (page code as text: the tests' TypeScript knows no DOM). */
const cells = (testId: string): Promise<string[][]> =>
  session.page.evaluate(`[...document.querySelectorAll('[data-testid="${testId}"] tbody tr[data-testid="report-row"]')].map((tr) => [...tr.cells].map((td) => td.textContent))`);

async function createLongRoster(): Promise<void> {
  const gql = app.server.gql;
  const countyId = app.fixtures.countyIds[1];
  const surnames = Object.keys(strokes).reverse();
  const given = ['建国', '秀英', '志强', '丽娟'];
  // A headmaster's posts as a roster lists them: six lines in the 工作单位及职务 column, rows taller than a sheet's fifth.
  const inputs = Array.from({ length: longRoster.deputies }, (_, n) => ({
    name: `${surnames[n % surnames.length]}${given[Math.floor(n / surnames.length) % given.length]}`,
    idNumber: idNumber(`19${60 + (n % 30)}0${(n % 9) + 1}1${n % 10}`, 300 + n),
    regionId: countyId,
    workplace: `测试县第${n + 1}中学党总支书记、校长，县教育学会副会长，县政协常委，兼任县关心下一代工作委员会副主任、县青少年科技教育协会理事长`,
  }));
  const persons = await gql<{ createPersons: { id: string }[] }>(`mutation($inputs: [PersonCreateInput!]!) { createPersons(inputs: $inputs) { id } }`, { inputs });
  expect(persons.errors).toBeUndefined();
  const seats = persons.data!.createPersons.map((person, n) => ({
    personId: person.id,
    level: 'COUNTY',
    termNumber: 18,
    regionId: countyId,
    electedOn: '2021-10-15',
    electoralDistrict: `第${n + 1}选区`,
  }));
  const deputies = await gql(`mutation($inputs: [DeputyCreateInput!]!) { createDeputies(inputs: $inputs) { id } }`, { inputs: seats });
  expect(deputies.errors).toBeUndefined();
}

beforeAll(async () => {
  app = await startConsole({ demo: true });
  await createLongRoster();
  session = await app.openSession();
});

afterAll(async () => {
  await app?.stop();
});

describe('the reports', () => {
  it('are a menu entry listing the three reports', async () => {
    const { page } = session;
    await page.goto('/admin/');
    await page.getByTestId('menu-reports').click();
    await expect.poll(() => page.getByTestId('reports-page').isVisible()).toBe(true);
    for (const report of ['roster', 'handling', 'comparison']) expect(await page.getByTestId(`open-report-${report}`).count()).toBe(1);
    expect(await page.getByTestId('reports-page').innerText()).toContain('代表名册');
    await session.shot('80-reports');
  });

  it('代表名册: a county’s deputies in the server’s stroke order with a roster’s columns, printed whole on A4', async () => {
    const { page } = session;
    await page.getByTestId('open-report-roster').click();
    // Opens on the installation's region (平凉市: its municipal deputies); 灵台县 is chosen, and with it its county deputies.
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 20_000 }).toBe('平凉市市人大代表名册');
    await page.getByTestId('report-region').locator('input').fill('灵台');
    await page.getByRole('option', { name: '灵台县（620822）' }).click();
    await expect.poll(() => page.getByTestId('report-title').innerText()).toBe('灵台县县人大代表名册');
    const expected = await app.server.gql<{ deputies: { totalCount: number; nodes: { person: { name: string } }[] } }>(
      `{ deputies(where: { inRegion: "620822", level: { eq: COUNTY }, status: { eq: ACTIVE } }, orderBy: [{ field: person }], limit: 1000) { totalCount nodes { person { name } } } }`,
    );
    const names = expected.data!.deputies.nodes.map((node) => node.person.name);
    expect(names.length).toBeGreaterThan(100);
    await expect.poll(() => column('roster-table', 2)).toEqual(names);
    // The server's order (surname strokes), not the browser's: Unicode order would differ.
    expect(names).not.toEqual([...names].sort());
    const headings = await page.getByTestId('roster-table').locator('thead th').allInnerTexts();
    expect(headings).toEqual(['序号', '姓名', '性别', '民族', '出生年月', '党派', '文化程度', '工作单位及职务', '代表层级', '选区']);
    expect((await column('roster-table', 1)).at(-1)).toBe(String(names.length));
    for (const born of await column('roster-table', 5)) expect(born).toMatch(/^\d{4}\.\d{2}$/);
    expect(new Set(await column('roster-table', 9))).toEqual(new Set(['县人大代表']));
    expect(await page.getByTestId('roster-report').innerText()).toContain(`在任代表 ${names.length} 人，按姓氏笔画排序`);
    await session.shot('81-roster');

    const printed = await printReport('roster-report', '81-roster');
    expectPrintedWhole(printed);
    expect(printed.pdf.pageCount).toBeGreaterThan(2);
    expect(printed.pdf.tables[0].rows.filter((row) => !row.header)).toHaveLength(names.length);
    // Each sheet headed with the report's title and numbered, in the sheet's margins.
    const margins = await page.locator('style[data-print="margins"]').textContent();
    expect(margins).toContain('"人大履职数据台 · 灵台县县人大代表名册"');
    expect(margins).toContain('"第 " counter(page) " 页，共 " counter(pages) " 页"');
    // 打印 is the browser's print.
    await page.evaluate(`window.print = () => { window.printed = true; }`);
    await page.getByTestId('print-report').click();
    expect(await page.evaluate('window.printed')).toBe(true);
  });

  it('prints a roster of long rows with every row whole, and the check finds rows cut once the stylesheet lets them break', async () => {
    const { page } = session;
    await page.goto(`/admin/#/reports/roster?region=${longRoster.code}&level=COUNTY`);
    await expect.poll(() => page.getByTestId('roster-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(longRoster.deputies);
    // Surnames by stroke count, as the server sorts persons.
    const counts = (await column('roster-table', 2)).map((name) => strokes[name[0]]);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await session.shot('82-roster-long-rows');
    const printed = await printReport('roster-report', '82-roster-long-rows');
    expectPrintedWhole(printed);
    expect(printed.pdf.pageCount).toBeGreaterThan(2);
    // The same roster with the print stylesheet's rule for rows overridden: rows straddle sheets, and the check sees it.
    const broken = await printReport('roster-report', '82-roster-long-rows-broken', '@media print { tr { break-inside: auto !important; } }');
    expect(cutRows(broken.pdf).length).toBeGreaterThan(0);
  });

  it('reads the birth year for those who read birth dates masked, never asking for the birth date', async () => {
    const leader = await app.openSession('LEADER');
    try {
      const asked: string[] = [];
      leader.page.on('request', (request) => request.url().endsWith('/graphql') && asked.push(request.postData() ?? ''));
      await leader.page.goto('/admin/#/reports/roster?region=620822');
      await expect.poll(() => leader.page.getByTestId('roster-table').locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(100);
      expect(await leader.page.getByTestId('roster-table').locator('thead th').nth(4).innerText()).toBe('出生年份');
      const born = await leader.page.getByTestId('roster-table').locator('tbody tr td:nth-child(5)').allInnerTexts();
      for (const year of born) expect(year).toMatch(/^\d{4}$/);
      expect(asked.some((body) => body.includes('roster'))).toBe(true);
      expect(asked.filter((body) => body.includes('birthDate'))).toEqual([]);
      await leader.shot('83-roster-leader');
    } finally {
      await leader.context.close();
    }
  });

  it('建议办理情况表: per handling unit, received, answered on time and late, overdue, satisfied and closed, with totals, printed whole', async () => {
    const { page } = session;
    await page.goto('/admin/#/reports');
    await page.getByTestId('open-report-handling').click();
    // Opens on the installation's region and the latest year its congresses received suggestions.
    await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: 20_000 }).toBe('平凉市代表建议办理情况表');
    const year = Number(new URL(page.url().replace('#/', '')).searchParams.get('year') ?? (await page.getByTestId('report-period').locator('input').inputValue()));
    expect(year).toBeGreaterThan(2018);
    const cohort = { inRegion: '620800', suggestion: { submittedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` } } };
    const expected = await app.server.gql<Record<'received' | 'answered', { count: number }[]>>(
      `query($received: SuggestionHandlingFilter, $answered: SuggestionHandlingFilter) {
        received: suggestionHandlingsAggregate(where: $received, groupBy: [{ field: organisation }]) { count }
        answered: suggestionHandlingsAggregate(where: $answered) { count } }`,
      { received: cohort, answered: { AND: [cohort, { answeredOn: { isNull: false } }] } },
    );
    const units = expected.data!.received.length;
    const received = expected.data!.received.reduce((sum, group) => sum + group.count, 0);
    expect(units).toBeGreaterThan(40);
    await expect.poll(() => page.getByTestId('handling-table').locator('tbody tr[data-testid="report-row"]').count()).toBe(units);
    const headings = await page.getByTestId('handling-table').locator('thead th').allInnerTexts();
    expect(headings).toEqual(['序号', '承办单位', '交办件数', '已答复', '按期答复', '逾期答复', '超期未答复', '满意（含基本满意）', '已办结']);
    const totals = (await page.getByTestId('report-totals').locator('td').allInnerTexts()).slice(1);
    expect(totals[0]).toBe('合计');
    expect(totals.slice(1, 3).map(Number)).toEqual([received, expected.data!.answered[0].count]);
    // Busiest first; no unit answered, was satisfied, closed or overdue more than it received; on time and late make up the answered.
    const rows = (await cells('handling-table')).map((row) => row.slice(2).map(Number));
    expect(rows.map((row) => row[0])).toEqual([...rows.map((row) => row[0])].sort((a, b) => b - a));
    for (const [got, ...others] of rows) for (const other of others) expect(other).toBeLessThanOrEqual(got);
    for (const [, answered, onTime, late] of rows) expect(onTime + late).toBe(answered);
    expect(rows.some(([, , , late]) => late > 0)).toBe(true);
    expect(await page.getByTestId('handling-report').innerText()).toContain(`统计范围：${year}年提出的代表建议`);
    await session.shot('84-handling');
    expectPrintedWhole(await printReport('handling-report', '84-handling'));

    // Another year: the address says so, and the table follows.
    await page.getByTestId('report-period').click();
    await page.getByRole('option', { name: `${year - 1}年` }).click();
    await expect.poll(() => new URL(page.url().replace('#/', '')).searchParams.get('year')).toBe(String(year - 1));
    await expect.poll(() => page.getByTestId('handling-report').innerText()).toContain(`统计范围：${year - 1}年提出的代表建议`);
  });

  it('the comparison report: the metrics with units, the ranking and the charts of the comparison on screen, fitted to A4', async () => {
    const { page } = session;
    await page.goto('/admin/#/analysis');
    await expect.poll(() => page.getByTestId('ranking-row').count(), { timeout: 30_000 }).toBe(7);
    await page.getByTestId('open-report').click();
    await expect.poll(() => page.getByTestId('comparison-report').isVisible(), { timeout: 20_000 }).toBe(true);
    const report = page.getByTestId('comparison-report');
    expect(await page.getByTestId('report-title').innerText()).toBe('区划对比分析报告');
    expect(await report.innerText()).toMatch(/比较范围：平凉市 · 县级，共 7 个区划\s+年度：\d{4}—\d{4}/);
    // The metrics chosen, each with its unit and definition.
    const metrics = await cells('metrics-table');
    expect(metrics).toHaveLength(6);
    for (const [, label, unit, , definition] of metrics) {
      expect(label).toBeTruthy();
      expect(unit).toBeTruthy();
      expect(definition.length).toBeGreaterThan(4);
    }
    expect(metrics[0].slice(1, 3)).toEqual(['代表人数', '人']);
    await expect.poll(() => report.getByTestId('ranking-row').count()).toBe(7);
    expect(await report.locator('[data-testid^="bar-"]').count()).toBe(6);
    expect(await report.getByTestId('trend').count()).toBe(1);
    expect(await report.getByTestId('radar').count()).toBe(1);
    await session.shot('85-comparison-report');
    const printed = await printReport('comparison-report', '85-comparison-report');
    expectPrintedWhole(printed);
    // Every chart's card is a block of its own, each on one sheet: six bars, the trend and the radar, and the ranking.
    expect(printed.blocks.filter((block) => block.kind === 'card')).toHaveLength(9);

    // Back to the page, as it was.
    await page.getByTestId('adjust-comparison').click();
    await expect.poll(() => page.getByTestId('comparison-controls').isVisible()).toBe(true);
    expect(await page.getByTestId('comparison-report').count()).toBe(0);
  });

  it('opens the comparison report from the reports page too, on the comparison the page opens on', async () => {
    const { page } = session;
    await page.goto('/admin/#/reports');
    await page.getByTestId('open-report-comparison').click();
    await expect.poll(() => page.getByTestId('comparison-report').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('comparison-report').getByTestId('ranking-row').count()).toBe(7);
    expect(session.errors).toEqual([]);
  });
});
