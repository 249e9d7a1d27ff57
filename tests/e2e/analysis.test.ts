/**
 * 对比分析 in Chromium on the demo data set: the first screen is 平凉市's seven counties, a metric is
 * switched, a county drilled into, a chart exported as PNG and its data as CSV, a dashboard saved and
 * reopened by its link, a zero denominator shown as 无数据, and a chart built from metadata alone.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let session: Session;

const pingliang = ['崆峒区', '泾川县', '灵台县', '崇信县', '庄浪县', '静宁县', '华亭市'];
/** The page's address parameter (the console routes in the hash). */
const param = (name: string) => new URL(session.page.url().replace('#/', '')).searchParams.get(name);

/** Saves what is on screen as a named dashboard; gives its id once the address carries it. */
async function saveDashboard(name: string): Promise<string> {
  const { page } = session;
  await page.getByTestId('save-dashboard').click();
  await page.getByTestId('dashboard-name').locator('input').fill(name);
  await page.getByTestId('confirm-save-dashboard').click();
  await expect.poll(() => param('dashboard')).toMatch(/^\d+$/);
  return param('dashboard')!;
}

const rankingNames = () => session.page.getByTestId('ranking-row').locator('td:nth-child(2)').allInnerTexts();

beforeAll(async () => {
  app = await startConsole({ demo: true });
  session = await app.openSession();
});

afterAll(async () => {
  await app?.stop();
});

describe('the comparison page', () => {
  it('opens on 平凉市: seven counties ranked and drawn with their names', async () => {
    const { page } = session;
    await page.goto('/admin/');
    await page.getByTestId('menu-analysis').click();
    await expect.poll(() => rankingNames().then((names) => [...names].sort()), { timeout: 30_000 }).toEqual([...pingliang].sort());
    const bars = page.getByTestId('bar-deputies');
    for (const county of pingliang) await expect.poll(() => bars.locator('svg text', { hasText: county }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('trend').count()).toBe(1);
    expect(await page.getByTestId('radar').count()).toBe(1);
    await session.shot('30-analysis-pingliang');
  });

  it('switches a metric', async () => {
    const { page } = session;
    await page.getByTestId('metric-picker').locator('input').fill('答复率');
    await page.getByRole('option', { name: '答复率', exact: true }).click();
    await expect.poll(() => page.getByTestId('bar-answerRate').count()).toBe(1);
    await expect.poll(() => param('metrics')).toContain('answerRate');
    await session.shot('31-analysis-metric-added');
  });

  it('exports a chart as PNG and its data as CSV with Chinese headers', async () => {
    const { page } = session;
    const card = page.getByTestId('bar-deputies');
    const png = page.waitForEvent('download');
    await card.getByTestId('export-png').click();
    const image = fs.readFileSync(await (await png).path());
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(image.length).toBeGreaterThan(10_000);
    fs.writeFileSync(new URL('./screenshots/32-analysis-export.png', import.meta.url), image);
    const csv = page.waitForEvent('download');
    await card.getByTestId('export-csv').click();
    const bytes = fs.readFileSync(await (await csv).path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^区划,区划代码,\d{4}（人）/);
    // The header, seven counties, and the line end after the last record.
    expect(lines).toHaveLength(9);
    expect(lines.at(-1)).toBe('');
    // Named after the chart and the comparison: where, which level, which years.
    expect((await png).suggestedFilename()).toMatch(/^代表人数-平凉市-县级-\d{4}(至\d{4})?\.png$/);
    expect((await csv).suggestedFilename()).toMatch(/^代表人数-平凉市-县级-\d{4}(至\d{4})?\.csv$/);
    // The same table as Excel (issue 19): numbers as numbers, the unit in the headers.
    const xlsx = page.waitForEvent('download');
    await card.getByTestId('export-xlsx').click();
    expect((await xlsx).suggestedFilename()).toMatch(/^代表人数-平凉市-县级-\d{4}(至\d{4})?\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await xlsx).path());
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getRow(1).getCell(3).value)).toMatch(/^\d{4}（人）/);
    expect(sheet.rowCount).toBe(8);
    expect(typeof sheet.getRow(2).getCell(3).value).toBe('number');
  });

  it('exports the whole dashboard as one workbook, a sheet per chart with its units (issue 19)', async () => {
    const { page } = session;
    const cards = await page.locator('[data-dashboard-table]').count();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-dashboard').click();
    expect((await download).suggestedFilename()).toMatch(/^对比分析-平凉市-县级-\d{4}(至\d{4})?\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    // Every chart on the page, the ranking first; the counts as numbers under headers that carry the unit.
    expect(workbook.worksheets.length).toBe(cards);
    expect(workbook.worksheets[0].name).toBe('排名表');
    const deputies = workbook.worksheets.find((sheet) => sheet.name === '代表人数')!;
    expect(String(deputies.getRow(1).getCell(3).value)).toMatch(/^\d{4}（人）/);
    expect(deputies.rowCount).toBe(8);
    expect(typeof deputies.getRow(2).getCell(3).value).toBe('number');
  });

  it('exports the ranking table as an image, and rates as the percentages shown (issue 18, defects 5 and 7)', async () => {
    const { page } = session;
    const card = page.getByTestId('ranking');
    const png = page.waitForEvent('download');
    await card.getByTestId('export-png').click();
    const image = fs.readFileSync(await (await png).path());
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(image.length).toBeGreaterThan(10_000);
    fs.writeFileSync(new URL('./screenshots/32a-ranking-export.png', import.meta.url), image);
    expect((await png).suggestedFilename()).toMatch(/^排名表-平凉市-县级-/);
    const csv = page.waitForEvent('download');
    await page.getByTestId('bar-answerRate').getByTestId('export-csv').click();
    const lines = fs
      .readFileSync(await (await csv).path())
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toMatch(/^区划,区划代码,\d{4}（%）/);
    const values = lines
      .slice(1)
      .flatMap((line) => line.split(',').slice(2))
      .filter(Boolean)
      .map(Number);
    expect(values.length).toBeGreaterThan(0);
    // What the chart shows (37.1), not the stored fraction (0.371257).
    for (const value of values) {
      expect(value).toBeGreaterThan(1);
      expect(value).toBeLessThanOrEqual(100);
      expect(Math.round(value * 10) / 10).toBe(value);
    }
  });

  it('saves the comparison as a dashboard and reopens it by its link', async () => {
    const { page } = session;
    const id = await saveDashboard('平凉市各县对比');
    await page.goto('/admin/');
    await page.goto(`/admin/#/analysis?dashboard=${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('平凉市各县对比');
    await expect.poll(() => page.getByTestId('bar-answerRate').count()).toBe(1);
    await expect.poll(() => rankingNames().then((names) => names.length)).toBe(7);
    await session.shot('33-analysis-dashboard-reopened');
  });

  it('shares a saved dashboard from the page: private until shared, then a colleague opens its link (issue 18, defect 6)', async () => {
    const { page } = session;
    const id = param('dashboard')!;
    await expect.poll(() => page.getByTestId('dashboard-private').innerText()).toBe('仅自己可见');
    expect(await page.getByTestId('copy-dashboard-link').count()).toBe(1);
    const colleague = await app.openSession('LEADER');
    try {
      await colleague.page.goto(`/admin/#/analysis?dashboard=${id}`);
      await expect.poll(() => colleague.page.getByText('看板不存在、已删除，或保存人没有共享它').count()).toBe(1);
      await page.getByTestId('share-dashboard').click();
      await expect.poll(() => page.getByTestId('dashboard-private').count()).toBe(0);
      await colleague.page.goto('/admin/');
      await colleague.page.goto(`/admin/#/analysis?dashboard=${id}`);
      await expect.poll(() => colleague.page.getByRole('heading', { level: 1 }).innerText()).toContain('平凉市各县对比');
      await colleague.shot('33a-dashboard-shared');
    } finally {
      await colleague.context.close();
    }
  });

  it('prints on A4 without navigation or controls, each sheet headed with what, whose scope and when (issue 18, defect 16)', async () => {
    const { page } = session;
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.RaSidebar-root').first().isVisible()).toBe(false);
      expect(await page.getByTestId('save-dashboard').isVisible()).toBe(false);
      const header = page.getByTestId('print-header');
      await page.evaluate(`window.dispatchEvent(new Event('beforeprint'))`);
      await expect.poll(() => header.innerText()).toMatch(/^人大履职数据台 · .+\s+范围：全部区划　打印日期：\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(await page.getByTestId('ranking').isVisible()).toBe(true);
      await session.shot('33b-analysis-print-media');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      fs.writeFileSync(new URL('./screenshots/33b-analysis-print.pdf', import.meta.url), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('drills down from a county to its townships', async () => {
    const { page } = session;
    await page.getByTestId('ranking-row').getByRole('button', { name: '灵台县' }).click();
    await expect.poll(() => rankingNames()).toEqual(expect.arrayContaining(['中台镇', '西屯镇']));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('灵台县 · 乡级');
    await session.shot('34-analysis-drill-down');
  });

  it('shows a zero denominator as 无数据', async () => {
    const { page } = session;
    const parent = param('parent')!;
    await page.goto(`/admin/#/analysis?parent=${parent}&level=TOWNSHIP&metrics=answerRate,deputies&years=2011`);
    await expect.poll(() => page.getByTestId('ranking').getByText('无数据').count()).toBeGreaterThan(0);
    await session.shot('35-analysis-no-data');
  });

  it('builds a chart from any entity with no code: records per county, then a sum by year, saved and reopened', async () => {
    const { page } = session;
    await page.goto('/admin/#/analysis');
    await page.getByTestId('tab-chart').click();
    const chart = page.getByTestId('custom-chart');
    // The default: the first entity whose records roll up to counties, counted per county.
    await expect.poll(() => chart.locator('svg text', { hasText: '灵台县' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await session.shot('36-chart-builder-default');
    await page.getByTestId('chart-entity').click();
    // The secretariat's records only, not the console's own (issue 18, defect 10).
    const sources = await page.getByRole('option').allInnerTexts();
    for (const own of ['分析看板', '保存的查询', '用户']) expect(sources).not.toContain(own);
    await page.getByRole('option', { name: '经费保障', exact: true }).click();
    await page.getByTestId('chart-measure').click();
    // Quantities to sum, not years or the version counter.
    const measures = await page.getByRole('option').allInnerTexts();
    expect(measures).toContain('预算金额（元） · 合计');
    for (const label of ['财政年度 · 合计', '版本 · 合计']) expect(measures).not.toContain(label);
    await page.keyboard.press('Escape');
    await page.getByTestId('chart-entity').click();
    await page.getByRole('option', { name: '履职活动', exact: true }).click();
    await page.getByTestId('chart-measure').click();
    await page.getByRole('option', { name: '接待选民人次 · 合计' }).click();
    await page.getByTestId('chart-group-0').click();
    await page.getByRole('option', { name: '活动日期（按年）' }).click();
    await expect.poll(() => chart.locator('svg text', { hasText: '2024' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('custom-chart').getByText('履职活动 · 接待选民人次 · 合计').count()).toBe(1);
    await session.shot('37-chart-builder-activities-by-year');
    const id = await saveDashboard('历年接待选民人次');
    await page.goto('/admin/');
    await page.goto(`/admin/#/analysis?view=chart&dashboard=${id}`);
    await expect.poll(() => page.getByTestId('custom-chart').getByText('履职活动 · 接待选民人次 · 合计').count()).toBe(1);
    await expect.poll(() => page.getByTestId('custom-chart').locator('svg text', { hasText: '2024' }).count()).toBeGreaterThan(0);
  });

  it('limits a chart to a region and a period, and reads money in 万元 on its axis (issue 18, defect 10)', async () => {
    const { page } = session;
    await page.goto('/admin/#/analysis?view=chart&entity=FundingAllocation&measure=sum:budgeted&groups=region@COUNTY');
    const chart = page.getByTestId('custom-chart');
    // The axes' texts: the category names and the value ticks.
    const categories = () => chart.locator('svg text').allTextContents();
    // Nationally, funding per county mixes 兰州 and 平凉.
    await expect.poll(async () => (await categories()).includes('榆中县'), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('chart-region').locator('input').fill('平凉');
    await page.getByRole('option', { name: /^平凉市/ }).click();
    await expect.poll(() => param('region')).toBe('620800');
    await expect.poll(async () => (await categories()).filter((name) => /[县区市]$/.test(name)).sort()).toEqual([...pingliang].sort());
    // Money: the axis title says 万元 and its ticks are in 万 (no six-digit tick beside tooltips in 万元).
    await expect.poll(() => chart.innerText()).toContain('预算金额（元） · 合计（万元）');
    const ticks = (await categories()).filter((text) => /^[\d,.]+$/.test(text));
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((tick) => Number(tick.replace(/,/g, '')) < 100_000)).toBe(true);
    // A period by the approval date, the scope named under the title.
    await page.getByTestId('chart-period-from').click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    await page.getByTestId('chart-period-to').click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    await expect.poll(() => param('period')).toBe('approvedOn:2024-2024');
    await expect.poll(() => chart.innerText()).toContain('平凉市 · 批准日期 2024至2024');
    await session.shot('37a-chart-builder-region-period');
    // The scope travels with the chart into a saved dashboard.
    const id = await saveDashboard('平凉市2024年经费');
    await page.goto('/admin/');
    await page.goto(`/admin/#/analysis?view=chart&dashboard=${id}`);
    await expect.poll(() => param('region')).toBe('620800');
    await expect.poll(() => param('period')).toBe('approvedOn:2024-2024');
  });

  it('logged no errors in the browser console', () => {
    expect(session.errors).toEqual([]);
  });
});

describe('a leader’s home (issue 18, defect 15)', () => {
  it('shows their scope’s key metrics this year against last, the counties furthest from the median and their dashboards', async () => {
    const leader = await app.openSession('LEADER', '620800');
    try {
      const { page } = leader;
      await page.goto('/admin/#/');
      const panel = page.getByTestId('key-metrics');
      await expect.poll(() => panel.locator('h2').first().innerText(), { timeout: 20_000 }).toMatch(/^平凉市 · \d{4}年关键指标$/);
      const cards = panel.locator('[data-testid^="key-"]');
      await expect.poll(() => cards.count()).toBe(6);
      const year = Number((await panel.locator('h2').first().innerText()).match(/(\d{4})年/)![1]);
      for (const previous of await panel.getByTestId('previous').allInnerTexts()) expect(previous).toMatch(new RegExp(`^${year - 1}年：`));
      const outliers = page.getByTestId('outliers').locator('a');
      await expect.poll(() => outliers.count()).toBeGreaterThan(0);
      for (const text of await outliers.allInnerTexts()) {
        expect(
          pingliang.some((county) => text.startsWith(county)),
          text,
        ).toBe(true);
        expect(text).toMatch(/[高低]于中位数/);
      }
      // Not the wall of record counts: a leader reads statistics, not records.
      expect(await page.getByTestId('counts').count()).toBe(0);
      // Fresh figures say nothing about themselves.
      expect(await panel.getByTestId('comparison-catching-up').count()).toBe(0);
      expect(await panel.getByTestId('comparison-recomputing').count()).toBe(0);
      await leader.shot('01b-home-leader');
      // A card opens the comparison on that metric.
      await cards.first().click();
      await expect.poll(() => page.url()).toContain('#/analysis?');
      expect(leader.errors).toEqual([]);
    } finally {
      await leader.context.close();
    }
  });
});

describe('figures shown as they are', () => {
  it('says so on a leader’s home and the analysis page when they are catching up with a bulk change, or a metric is being computed again', async () => {
    const leader = await app.openSession('LEADER', '620800');
    try {
      const { page } = leader;
      // The server's answer as it comes, with what it says about its figures turned on: the catch-up and the
      // recomputing of changed metrics are tested server-side (tests/metrics/catch-up.test.ts, catalog-change.test.ts).
      let first = '';
      await page.route('**/graphql', async (route) => {
        if (!route.request().postData()?.includes('compareRegions')) return route.fallback();
        const answer = await (await route.fetch()).json();
        first = answer.data.compareRegions.metrics[0];
        answer.data.compareRegions.catchingUp = true;
        answer.data.compareRegions.recomputing = [first];
        return route.fulfill({ json: answer });
      });
      await page.goto('/admin/#/');
      const panel = page.getByTestId('key-metrics');
      await expect.poll(() => panel.getByTestId('comparison-catching-up').count(), { timeout: 20_000 }).toBe(1);
      expect(await panel.getByTestId('comparison-catching-up').innerText()).toContain('正在后台补算');
      expect(first).not.toBe('');
      expect(await panel.getByTestId('comparison-recomputing').innerText()).toContain('正在重新计算');
      // The analysis page says the same, in the same words.
      await page.goto('/admin/#/analysis');
      await expect.poll(() => page.getByTestId('comparison-catching-up').count(), { timeout: 20_000 }).toBe(1);
      expect(await page.getByTestId('comparison-recomputing').innerText()).toContain('正在重新计算');
      expect(leader.errors).toEqual([]);
    } finally {
      await leader.context.close();
    }
  });
});

describe('what a leader is offered', () => {
  /** The chart builder's grouping choices for persons, as `who` sees them. */
  async function personGroupings(who: Session): Promise<string[]> {
    const { page } = who;
    // Persons by ethnicity and county: some counties have only a few of a minority.
    await page.goto('/admin/#/analysis?view=chart&entity=Person&measure=count&groups=ethnicity,region@COUNTY');
    // The page may have shown another chart before (a hash change, no reload): wait for this one's choices.
    await expect.poll(() => page.getByTestId('chart-entity').innerText(), { timeout: 20_000 }).toContain('人员');
    await page.getByTestId('chart-group-0').click();
    await expect.poll(() => page.getByRole('option', { name: '民族' }).count()).toBe(1);
    const options = await page.getByRole('option').allInnerTexts();
    await page.keyboard.press('Escape');
    return options;
  }

  /** Whether the 人员 list's column headed `label` sorts. */
  async function sorts(who: Session, label: string): Promise<boolean> {
    const { page } = who;
    await page.goto('/admin/#/Person');
    const header = page.locator('thead th', { hasText: label });
    await expect.poll(() => header.count(), { timeout: 20_000 }).toBe(1);
    return (await header.locator('.MuiTableSortLabel-root').count()) > 0;
  }

  it('no personal field as a group key in the chart builder, nor as a sort key in lists; small groups withheld', async () => {
    const leader = await app.openSession('LEADER');
    try {
      const offered = await personGroupings(leader);
      expect(offered).toEqual(expect.arrayContaining(['民族', '政治面貌', '登记区划']));
      expect(offered.some((option) => option.startsWith('出生日期'))).toBe(false);
      // The chart of persons by ethnicity and county: the smallest groups are withheld, and the page says why.
      await expect.poll(() => leader.page.getByTestId('chart-withheld').count(), { timeout: 20_000 }).toBe(1);
      expect(await leader.page.getByTestId('chart-withheld').innerText()).toContain('少于 5');
      await leader.shot('38-chart-builder-leader-withheld');
      for (const label of ['公民身份号码', '手机号码', '出生日期']) expect(await sorts(leader, label), label).toBe(false);
      expect(await sorts(leader, '姓名')).toBe(true);
      await leader.shot('39-persons-leader-no-personal-sort');
      expect(leader.errors).toEqual([]);
    } finally {
      await leader.context.close();
    }
    // The administrator, who reads them, is offered both.
    expect((await personGroupings(session)).some((option) => option.startsWith('出生日期'))).toBe(true);
    expect(await sorts(session, '公民身份号码')).toBe(true);
  });
});
