/**
 * A record's history and the audit log in Chromium: an administrator edits a region, reads the change on
 * its page (field labels, enum labels, before → after), reverts to the first version and sees the old
 * values back with a 还原 entry, and is told when a revert meets a newer change; the audit log lists the
 * change and filters by kind of record, operation, who and day; a leader reads the history (in Chinese
 * and English) but is offered neither the revert nor the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let admin: Session;
/** The region edited: 测试县05. */
let regionId: string;

const input = (session: Session, name: string) => session.page.locator(`[data-field="${name}"] input`).first();
/** The value cell of a labelled field on a show page. */
const shown = (session: Session, label: string) => session.page.locator('.RaLabeled-label', { hasText: label }).locator('xpath=..');
const entries = (session: Session) => session.page.getByTestId('history-entry');
/** The history's entries, newest first, as `OPERATION` names. */
const operations = async (session: Session) => Promise.all((await entries(session).all()).map((entry) => entry.getAttribute('data-operation')));
/** One changed field of a history entry: its label, before and after cells. */
const changeCells = (entry: ReturnType<typeof entries>, field: string) => entry.locator(`[data-change="${field}"] td`).allInnerTexts();

async function openHistory(session: Session, id: string) {
  await session.page.goto(`/admin/#/Region/${id}/show`);
  await session.page.getByRole('tab', { name: '修改历史' }).click();
  await expect.poll(() => entries(session).count()).toBeGreaterThan(0);
}

/** Opens the audit log on its first page with no filter (react-admin otherwise restores the last ones). */
async function openAuditLog(session: Session) {
  await session.page.goto('/admin/');
  await session.page.getByTestId('menu-audit').click();
  await expect.poll(() => session.page.url()).toMatch(/#\/AuditLog/);
  await session.page.goto(`/admin/#/AuditLog?${new URLSearchParams({ filter: '{}', page: '1', perPage: '25' })}`);
  await expect.poll(() => session.page.locator('table tbody tr').count()).toBeGreaterThan(0);
}

const logColumn = (session: Session, index: number) => session.page.locator(`table tbody tr td:nth-child(${index})`).allInnerTexts();
/** The list's message when the filters leave no entry. */
const nothingFound = (session: Session) => session.page.getByText('当前筛选条件下没有审计日志');

beforeAll(async () => {
  app = await startConsole();
  admin = await app.openSession();
  regionId = app.fixtures.countyIds[4];
});

afterAll(async () => {
  await app?.stop();
});

describe('record history', () => {
  it('shows an edit in the history, with field labels and values before and after', async () => {
    const { page } = admin;
    await page.goto(`/admin/#/Region/${regionId}`);
    await expect.poll(() => input(admin, 'name').inputValue()).toBe('测试县05');
    await input(admin, 'name').fill('新安区');
    await page.locator('[data-field="kind"]').getByRole('combobox').click();
    await page.getByRole('option', { name: '区', exact: true }).click();
    await input(admin, 'population').fill('123456');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/Region/${regionId}/show$`));
    await expect.poll(() => shown(admin, '名称').innerText()).toContain('新安区');

    await openHistory(admin, regionId);
    expect(await page.getByRole('tab', { name: '用户', exact: true }).count()).toBe(1);
    expect(await operations(admin)).toEqual(['UPDATE', 'CREATE']);
    const update = entries(admin).first();
    expect(await update.innerText()).toContain('修改');
    expect(await update.innerText()).toContain('test_admin（管理员）');
    expect(await update.innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(await changeCells(update, 'name')).toEqual(['名称', '测试县05', '新安区']);
    expect(await changeCells(update, 'kind')).toEqual(['类型', '县', '区']);
    expect(await changeCells(update, 'population')).toEqual(['人口', '105,000', '123,456']);
    // The first version: every value it was created with, from nothing.
    const created = entries(admin).last();
    expect(await changeCells(created, 'name')).toEqual(['名称', '（空）', '测试县05']);
    // A reference by its record's title, not its number (issue 18, defect 9).
    await expect.poll(() => changeCells(created, 'parent')).toEqual(['上级区划', '（空）', '测试市']);
    await admin.shot('50-history');
  });

  it('reverts to the first version after a confirmation, and records the revert', async () => {
    const { page } = admin;
    // The latest change is the record as it stands: nothing to revert to there.
    expect(await entries(admin).first().getByRole('button', { name: '还原到此版本' }).count()).toBe(0);
    await entries(admin).last().getByRole('button', { name: '还原到此版本' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('还原到此版本？');
    expect(await dialog.innerText()).toContain('（新建）之后的内容');
    await admin.shot('51-revert-confirm');
    await dialog.getByRole('button', { name: '还原到此版本' }).click();
    await expect.poll(() => operations(admin)).toEqual(['REVERT', 'UPDATE', 'CREATE']);
    const revert = entries(admin).first();
    expect(await revert.innerText()).toContain('还原');
    expect(await changeCells(revert, 'name')).toEqual(['名称', '新安区', '测试县05']);
    expect(await changeCells(revert, 'kind')).toEqual(['类型', '区', '县']);
    await admin.shot('52-reverted');

    await page.getByRole('tab', { name: '基本信息' }).click();
    await expect.poll(() => shown(admin, '名称').innerText()).toContain('测试县05');
    expect(await shown(admin, '类型').innerText()).toContain('县');
    expect(await shown(admin, '人口').innerText()).toContain('105,000');
  });

  it('reports a revert refused because the record changed meanwhile, and shows the change', async () => {
    const { page } = admin;
    await openHistory(admin, regionId);
    const current = await app.server.gql<{ region: { version: number } }>(`{ region(id: ${regionId}) { version } }`);
    const changed = await app.server.gql(`mutation($id: ID!, $version: Int!) { updateRegion(id: $id, version: $version, input: { population: 99000 }) { id } }`, {
      id: regionId,
      version: current.data!.region.version,
    });
    expect(changed.errors).toBeUndefined();
    await entries(admin).last().getByRole('button', { name: '还原到此版本' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '还原到此版本' }).click();
    await expect.poll(() => page.getByText('这条记录刚被他人修改过，没有还原').count()).toBe(1);
    // Refreshed: the other change is in the history now, and nothing was reverted.
    await expect.poll(() => operations(admin)).toEqual(['UPDATE', 'REVERT', 'UPDATE', 'CREATE']);
    await admin.shot('53-revert-conflict');
  });
});

describe('audit log', () => {
  it('lists the changes, newest first, with who, role, kind of record, record and a summary', async () => {
    const { page } = admin;
    await openAuditLog(admin);
    expect(await page.getByText(/第 1-25 条，共 \d+ 条/).count()).toBe(1);
    const first = page.locator('table tbody tr').first();
    // The record named by its title (read for the page in one request), not by its number.
    await expect.poll(() => first.locator('td').nth(4).innerText()).toBe('测试县05');
    const cells = await first.locator('td').allInnerTexts();
    expect(cells.slice(1, 6)).toEqual(['test_admin', '管理员', '行政区划', '测试县05', '修改']);
    expect(cells[0]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(cells[6]).toBe('人口：105,000 → 99,000');
    await admin.shot('54-audit-log');
    // The record's title leads to its page.
    await first.getByRole('link', { name: '测试县05' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/Region/${regionId}/show$`));
  });

  it('filters by kind of record, operation, who and day', async () => {
    const { page } = admin;
    await openAuditLog(admin);
    await page.locator('[data-source="entity"]').getByRole('combobox').click();
    await page.getByRole('option', { name: '人员', exact: true }).click();
    await expect.poll(async () => [...new Set(await logColumn(admin, 4))]).toEqual(['人员']);
    expect(await logColumn(admin, 6)).toContain('新建');
    // A new record's summary has its values only, none of the empty "before" side.
    const summaries = await logColumn(admin, 7);
    expect(summaries[0]).toMatch(/^姓名：\S+；/);
    expect(summaries.join()).not.toContain('（空）');
    await page.locator('[data-source="entity"]').getByRole('combobox').click();
    await page.getByRole('option', { name: '行政区划', exact: true }).click();
    await page.locator('[data-source="operation"]').getByRole('combobox').click();
    await page.getByRole('option', { name: '还原', exact: true }).click();
    await expect.poll(() => logColumn(admin, 5)).toEqual(['测试县05']);
    expect(await page.locator('table tbody').innerText()).toContain('名称：新安区 → 测试县05');
    await admin.shot('55-audit-log-filtered');

    // Who: the username exactly.
    await page.getByLabel('操作人').fill('test_leader');
    await expect.poll(() => nothingFound(admin).count()).toBe(1);
    await page.getByLabel('操作人').fill('test_admin');
    await expect.poll(() => logColumn(admin, 5)).toEqual(['测试县05']);

    // Days in Beijing time, the last one included: today has the revert, yesterday nothing.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    await page.getByLabel('起始日期').fill(today);
    await page.getByLabel('截止日期').fill(today);
    await expect.poll(() => logColumn(admin, 5)).toEqual(['测试县05']);
    await page.getByLabel('起始日期').fill(yesterday);
    await page.getByLabel('截止日期').fill(yesterday);
    await expect.poll(() => nothingFound(admin).count()).toBe(1);
  });

  it('logged no errors in the browser console', () => {
    expect(admin.errors).toEqual([]);
  });
});

describe('as a leader', () => {
  it('shows the history, without the revert, and no audit log', async () => {
    const leader = await app.openSession('LEADER');
    try {
      await openHistory(leader, regionId);
      expect(await operations(leader)).toEqual(['UPDATE', 'REVERT', 'UPDATE', 'CREATE']);
      expect(await changeCells(entries(leader).first(), 'population')).toEqual(['人口', '105,000', '99,000']);
      expect(await leader.page.getByRole('button', { name: '还原到此版本' }).count()).toBe(0);
      expect(await leader.page.getByTestId('menu-audit').count()).toBe(0);
      expect(await leader.page.getByTestId('menu-area-system').count()).toBe(0);
      // Nor a tab of the region's users, whom a leader may not list (the administrator has it).
      expect(await leader.page.getByRole('tab', { name: '用户', exact: true }).count()).toBe(0);
      await leader.shot('56-leader-history');

      // In English: the tab, the operations, the labels and the empty value.
      await leader.page.getByRole('button', { name: '简体中文' }).click();
      await leader.page.getByRole('menuitem', { name: 'English' }).click();
      await expect.poll(() => leader.page.getByRole('tab', { name: 'History' }).count()).toBe(1);
      const created = entries(leader).last();
      await expect.poll(() => changeCells(created, 'name')).toEqual(['Name', '(empty)', '测试县05']);
      expect(await changeCells(created, 'kind')).toEqual(['Kind', '(empty)', 'County']);
      expect(await created.innerText()).toContain('Created');
      expect(await created.innerText()).toContain('test_admin (Administrator)');
      expect(await created.innerText()).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M/);
      await leader.shot('57-history-english');
      expect(leader.errors).toEqual([]);
    } finally {
      await leader.context.close();
    }
  });
});
