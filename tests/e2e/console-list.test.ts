/**
 * The generated list screens in Chromium: home counts, sort, pagination, filters, full-text search,
 * and switching the language (remembered, and sent to the server as Accept-Language).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let session: Session;

/**
 * Opens a list on its first page, unfiltered, in a given order (react-admin otherwise restores the last
 * ones), and waits until the unfiltered total shows, so no earlier filter is still being applied.
 */
async function openList(resource: string, sort: string, total: number) {
  const query = new URLSearchParams({ filter: '{}', displayedFilters: '{}', page: '1', perPage: '25', sort, order: 'ASC' });
  await session.page.goto('/admin/');
  await session.page.goto(`/admin/#/${resource}?${query}`);
  await expect.poll(() => session.page.getByText(new RegExp(`共 ${total} 条|of ${total}$`)).count()).toBe(1);
}

/** The texts of one column of the list's table body. */
const column = (index: number) => session.page.locator(`table tbody tr td:nth-child(${index + 1})`).allInnerTexts();

beforeAll(async () => {
  app = await startConsole();
  session = await app.openSession();
});

afterAll(async () => {
  await app?.stop();
});

describe('console lists', () => {
  it('shows the product name and the count of each record kind on the home page', async () => {
    const { page } = session;
    await page.goto('/admin/');
    await expect.poll(() => page.getByTestId('count-Region').innerText()).toBe('32');
    expect(await page.getByTestId('product-name').innerText()).toBe('人大履职数据台');
    expect(await page.getByTestId('count-Person').innerText()).toBe('12');
    expect(await page.getByTestId('menu-area-people').innerText()).toBe('人员与代表');
    await session.shot('01-home');
  });

  it("shows a secretariat's to-do list, each item opening the records it counts (issue 18, defect 15)", async () => {
    const { page } = session;
    await page.goto('/admin/');
    const item = page.getByTestId('todo-deputiesWithoutGroup');
    await expect.poll(() => item.innerText()).toMatch(/^3\s*未编入代表小组的在任代表$/);
    expect(await page.getByTestId('todo-overdueAnswers').innerText()).toMatch(/^0\s*答复逾期的代表建议\s*已处理完$/);
    expect(await page.getByTestId('todo-answersDueSoon').innerText()).toMatch(/^0\s*七日内答复到期的代表建议\s*已处理完$/);
    await session.shot('01a-home-todo');
    await item.click();
    await expect.poll(() => page.url()).toMatch(/#\/Deputy\?/);
    await expect.poll(() => page.getByText(/共 3 条/).count()).toBe(1);
  });

  it('groups the menu by area, the analysis and the workbench heading their own, link tables kept in their parents (issue 18, defect 14)', async () => {
    const { page } = session;
    await page.goto('/admin/');
    const menu = page.locator('.RaMenu-open, .RaMenu-closed').first();
    await expect.poll(() => menu.innerText()).toContain('对比分析');
    const entries = (await menu.innerText())
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const link of ['小组成员', '代表进站', '建议提出代表', '活动参加代表', '参训人员', '承办']) expect(entries, link).not.toContain(link);
    // The area's own pages first (the comparison, the printable reports), then its saved dashboards.
    const comparison = entries.indexOf('对比分析', entries.indexOf('对比分析') + 1);
    expect(entries.slice(comparison, comparison + 3)).toEqual(['对比分析', '报表', '分析看板']);
    expect(entries).toContain('代表小组');
  });

  it('pages through a list on the server (25 of 32 rows, then the other 7)', async () => {
    const { page } = session;
    await openList('Region', 'code', 32);
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(25);
    expect(await page.getByText('第 1-25 条，共 32 条').count()).toBe(1);
    // Default sort is by code: the province, the city, then the counties.
    expect((await column(1)).slice(0, 3)).toEqual(['910000', '910100', '910101']);
    await session.shot('02-list-page-1');
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(7);
    expect(await page.getByText('第 26-32 条，共 32 条').count()).toBe(1);
    expect((await column(1)).at(-1)).toBe('910130');
    await session.shot('03-list-page-2');
  });

  it('sorts by a column, both ways', async () => {
    const { page } = session;
    await openList('Region', 'code', 32);
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(25);
    await page.locator('thead').getByText('人口', { exact: true }).click();
    await expect.poll(async () => (await column(6))[0]).toBe('101,000');
    await page.locator('thead').getByText('人口', { exact: true }).click();
    await expect.poll(async () => (await column(6))[0]).toBe('5,000,000');
    expect((await column(2))[0]).toBe('测试省');
    await session.shot('04-list-sorted');
  });

  it('filters by full-text search and by an enum select', async () => {
    const { page } = session;
    await openList('Region', 'code', 32);
    await page.getByPlaceholder('搜索').fill('县05');
    await expect.poll(() => column(2)).toEqual(['测试县05']);
    await session.shot('05-list-search');
    await openList('Region', 'code', 32);
    await page.getByRole('button', { name: '添加筛选' }).click();
    await page.getByRole('menu').getByText('类型', { exact: true }).click();
    await page.locator('[data-source="kind"]').getByRole('combobox').click();
    await page.getByRole('option', { name: '市（州）' }).click();
    await expect.poll(() => column(2)).toEqual(['测试市']);
    await session.shot('06-list-filter-enum');
  });

  it('filters by a number range', async () => {
    const { page } = session;
    await openList('Region', 'code', 32);
    await page.getByRole('button', { name: '添加筛选' }).click();
    await page.getByRole('menu').getByText('人口', { exact: true }).click();
    await page.getByLabel('人口（起）').fill('125000');
    await page.getByLabel('人口（止）').fill('200000');
    await expect.poll(() => column(2)).toEqual(['测试县25', '测试县26', '测试县27', '测试县28', '测试县29', '测试县30']);
    await session.shot('07-list-filter-range');
  });

  it('exports the filtered list as CSV with Chinese headers and a UTF-8 byte-order mark', async () => {
    const { page } = session;
    await openList('Region', 'code', 32);
    await page.getByPlaceholder('搜索').fill('测试县0');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(9);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    await page.getByTestId('list-export-csv').click();
    const file = await (await download).path();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('区划代码,名称,类型,层级,上级区划,人口,本届届次,生效日期,失效日期,更新时间');
    // Every row the filter selects, streamed by the server, each ending in a line break.
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toMatch(/^910101,测试县01,县,县级,测试市,101000,第十八届,,,/);
  });

  it('exports the filtered list as Excel: typed cells, labels, a frozen header row (issue 19)', async () => {
    const { page } = session;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    await page.getByTestId('list-export-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^行政区划-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['区划代码', '名称', '类型', '层级', '上级区划', '人口']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(10);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['910101', '测试县01', '县', '县级', '测试市', 101000]);
  });

  it('shows status chips whose text reads on their background (contrast at least 4.5:1)', async () => {
    const { page } = session;
    await page.goto(`/admin/#/Deputy/${app.fixtures.deputyIds[0]}/show`);
    const chip = page.getByTestId('enum-chip').filter({ hasText: '在任' }).first();
    await expect.poll(() => chip.count()).toBe(1);
    // The chip's colours as the browser computed them (evaluated in the page; the tests' TypeScript knows no DOM).
    const [text, background] = await chip.evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle: (node: unknown) => { color: string; backgroundColor: string } }).getComputedStyle(element);
      return [style.color, style.backgroundColor];
    });
    // WCAG relative luminance of an rgb()/rgba() colour.
    const luminance = (css: string) => {
      const [r, g, b] = css
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map((part) => {
          const channel = Number(part) / 255;
          return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
    expect((light + 0.05) / (dark + 0.05), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    await session.shot('08a-status-chips');
  });

  it('switches to English, remembers it, and asks the server in English', async () => {
    const { page } = session;
    await openList('Person', 'name', 12);
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(12);
    const languages: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) languages.push(request.headers()['accept-language'] ?? '');
    });
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('product-name').innerText()).toBe('Congress Records Console');
    expect(await page.locator('thead').getByText('Name', { exact: true }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('menu-area-people').innerText()).toBe('People and deputies');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(12);
    expect(languages.length).toBeGreaterThan(0);
    expect(languages.at(-1)).toBe('en');
    await session.shot('08-english');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expect.poll(() => page.getByTestId('product-name').innerText()).toBe('人大履职数据台');
  });

  it('imports a spreadsheet: the template, a dry run listing every refused row, then the valid rows, undone as one batch (issue 19)', async () => {
    const { page } = session;
    // Last: it adds a person the other tests do not count.
    await openList('Person', 'name', 12);
    await page.getByTestId('list-import').click();
    const dialog = page.getByTestId('import-dialog');
    const template = page.waitForEvent('download');
    await dialog.getByTestId('import-template').click();
    expect((await template).suggestedFilename()).toBe('人员导入模板.xlsx');
    const csv = ['姓名,登记区划,手机号码', '导入甲,910101,13800000001', '导入乙,不存在县,12345'].join('\r\n');
    await dialog.getByTestId('import-file').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => dialog.getByTestId('import-valid').innerText()).toBe('可导入 1 行');
    expect(await dialog.getByTestId('import-refused').innerText()).toBe('有误 1 行');
    const problems = await dialog.getByTestId('import-issues').locator('tbody tr').allInnerTexts();
    expect(problems.map((text) => text.split('\t')[1])).toEqual(['登记区划', '手机号码']);
    expect(problems[0]).toContain('找不到行政区划“不存在县”');
    expect(await dialog.getByTestId('import-all').isDisabled()).toBe(true);
    await session.shot('14a-import-dry-run');
    const report = page.waitForEvent('download');
    await dialog.getByTestId('import-error-report').click();
    expect((await report).suggestedFilename()).toBe('人员导入问题.xlsx');
    const refusedRows = new ExcelJS.Workbook();
    await refusedRows.xlsx.readFile(await (await report).path());
    expect(refusedRows.worksheets[0].getRow(2).getCell(1).value).toBe('导入乙');
    await dialog.getByTestId('import-valid-only').click();
    await expect.poll(() => dialog.getByTestId('import-committed').innerText()).toBe('已导入 1 条人员记录');
    await expect.poll(() => page.getByText('共 13 条').count()).toBe(1);
    await session.shot('14b-import-committed');
    // The administrator takes the batch back: its record deleted (restorably), the list as it was.
    await dialog.getByTestId('import-undo').click();
    await expect.poll(() => dialog.getByTestId('import-committed').innerText()).toMatch(/^已撤销：1 条记录已删除/);
    await dialog.getByTestId('import-close').click();
    await expect.poll(() => page.getByText('共 12 条').count()).toBe(1);
  });

  it('shows a long import’s progress, finds it again after a reload, and cancels it with nothing saved (issue 19)', async () => {
    const { page } = session;
    await openList('Person', 'name', 12);
    await page.getByTestId('list-import').click();
    const dialog = page.getByTestId('import-dialog');
    const csv = ['姓名,登记区划', ...Array.from({ length: 90_000 }, (_, index) => `长表${index},910101`)].join('\r\n');
    await dialog.getByTestId('import-file').setInputFiles({ name: '长表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => dialog.getByTestId('import-progress-text').innerText(), { timeout: 15_000 }).toMatch(/^已读取 \d+ 行，已检查 \d+ \/ 90000 行$/);
    await session.shot('14c-import-progress');
    // A reload (or the dialog closed) leaves the job running: the list opens its dialog again, on its progress.
    await page.reload();
    await expect.poll(() => page.getByTestId('import-progress').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-failure').innerText()).toBe('导入已取消，未保存任何记录');
    await page.getByTestId('import-close-dialog').click();
    await expect.poll(() => page.getByText('共 12 条').count()).toBe(1);
  });

  it('logged no errors in the browser console', () => {
    expect(session.errors).toEqual([]);
  });
});
