/**
 * The generated forms in Chromium: create with a client-side validation error, a server error shown on
 * its field, then success (gender and birth date filled from the ID number); edit; a concurrent-edit
 * conflict from two browser contexts; soft delete and restore; an embedded to-many list with add.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';
import { idNumber } from './support/fixtures.js';

let app: ConsoleUnderTest;
let session: Session;

const input = (name: string) => session.page.locator(`[data-field="${name}"] input`).first();
const save = () => session.page.getByRole('button', { name: '保存' }).click();
/** The value cell of a labelled field on a show page. */
const shown = (label: string) => session.page.locator('.RaLabeled-label', { hasText: label }).locator('xpath=..');

beforeAll(async () => {
  app = await startConsole();
  session = await openSession(app.browser, app.server.url);
});

afterAll(async () => {
  await app?.stop();
});

describe('console forms', () => {
  it('refuses a wrong ID number in the browser, shows the server refusing a duplicate on the field, then creates', async () => {
    const { page } = session;
    await page.goto('/admin/#/Person/create');
    await input('name').fill('钱学敏');
    await input('idNumber').fill('620822199003150010'); // wrong check character
    await save();
    await expect.poll(() => page.locator('[data-field="idNumber"]').innerText()).toContain('校验位不正确');
    await session.shot('10-create-client-error');

    await input('idNumber').fill(idNumber('19700115', 100)); // the first fixture person's number
    await save();
    await expect.poll(() => page.locator('[data-field="idNumber"]').innerText()).toContain('已存在相同的值');
    await session.shot('11-create-server-error');

    const valid = idNumber('19900315', 11); // odd sequence: male
    await input('idNumber').fill(valid);
    await expect.poll(() => input('birthDate').inputValue()).toBe('1990-03-15');
    expect(await page.locator('[data-field="gender"]').innerText()).toContain('男');
    await save();
    await expect.poll(() => page.url()).toMatch(/#\/Person\/\d+\/show$/);
    await expect.poll(() => shown('公民身份号码').innerText()).toContain(valid);
    expect(await shown('出生日期').innerText()).toContain('1990年3月15日');
    await session.shot('12-create-success');
  });

  it('edits a record', async () => {
    const { page } = session;
    const id = app.fixtures.personIds[1];
    await page.goto(`/admin/#/Person/${id}`);
    await input('workplace').fill('测试县农业农村局');
    await save();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/Person/${id}/show$`));
    await expect.poll(() => shown('工作单位及职务').innerText()).toContain('测试县农业农村局');
    await session.shot('13-edit-saved');
  });

  it('shows money with thousands separators and 元, and saves the exact decimal typed', async () => {
    const { page } = session;
    const id = app.fixtures.fundingId;
    await page.goto(`/admin/#/FundingAllocation/${id}/show`);
    await expect.poll(() => shown('预算金额').innerText()).toContain('48,000.00 元');
    await page.goto(`/admin/#/FundingAllocation/${id}`);
    const disbursed = page.getByTestId('money-disbursed');
    await expect.poll(() => disbursed.inputValue()).toBe('12,500.50');
    await disbursed.fill('23456.7');
    await disbursed.blur();
    await expect.poll(() => disbursed.inputValue()).toBe('23,456.70');
    await session.shot('14a-money-input');
    await save();
    await expect.poll(() => shown('已拨付金额').innerText()).toContain('23,456.70 元');
    const answer = await app.server.gql<{ fundingAllocation: { disbursed: string } }>(`{ fundingAllocation(id: ${id}) { disbursed } }`);
    expect(answer.data?.fundingAllocation.disbursed).toBe('23456.70');
  });

  it('shows a conflict when two users edit the same record, and can overwrite knowingly', async () => {
    const id = app.fixtures.personIds[2];
    const other = await openSession(app.browser, app.server.url);
    try {
      await other.page.goto(`/admin/#/Person/${id}`);
      await session.page.goto(`/admin/#/Person/${id}`);
      await expect.poll(() => input('workplace').inputValue()).toBe('测试县人民政府');
      await other.page.locator('[data-field="workplace"] input').fill('县人大常委会办公室');
      await other.page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => other.page.url()).toMatch(/\/show$/);

      await input('workplace').fill('县财政局');
      await save();
      const dialog = session.page.getByTestId('conflict-dialog');
      await expect.poll(() => dialog.innerText()).toContain('县人大常委会办公室');
      expect(await dialog.innerText()).toContain('这条记录已被他人修改');
      await session.shot('14-conflict-dialog');
      await dialog.getByRole('button', { name: '仍然保存我的修改' }).click();
      await expect.poll(() => session.page.url()).toMatch(/\/show$/);
      await expect.poll(() => shown('工作单位及职务').innerText()).toContain('县财政局');
      await session.shot('15-conflict-overwritten');
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('soft-deletes a record and restores it from the deleted-records view', async () => {
    const { page } = session;
    const id = app.fixtures.personIds[11];
    await page.goto(`/admin/#/Person/${id}/show`);
    await expect.poll(() => shown('姓名').innerText()).toContain('孙文华');
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/Person$|#\/Person\?/);
    await expect.poll(() => page.locator('table tbody').innerText()).not.toContain('孙文华');

    await page.getByLabel('已删除的记录').click();
    await expect.poll(() => page.locator('table tbody tr').allInnerTexts()).toEqual([expect.stringContaining('孙文华')]);
    await session.shot('16-deleted-view');
    await page.getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(0);
    await page.getByLabel('已删除的记录').click();
    await expect.poll(() => page.locator('table tbody').innerText()).toContain('孙文华');
    await session.shot('17-restored');
  });

  it('bulk-deletes the selected rows, sending each one with its version', async () => {
    const { page } = session;
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) bodies.push(request.postData() ?? '');
    });
    await page.goto('/admin/#/Person?' + new URLSearchParams({ filter: JSON.stringify({ birthDate: { gte: '1978-01-01', lte: '1979-12-31' } }), page: '1', perPage: '25', sort: 'name', order: 'ASC' }));
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await page.locator('table thead input[type="checkbox"]').check();
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(0);
    const bulk = bodies.find((body) => body.includes('deletePersons'));
    expect(JSON.parse(bulk!).variables.items).toEqual([
      { id: expect.any(String), version: 1 },
      { id: expect.any(String), version: 1 },
    ]);
    await session.shot('18a-bulk-deleted');
  });

  it("shows a group's memberships as an embedded list and adds one there", async () => {
    const { page } = session;
    await page.goto(`/admin/#/DeputyGroup/${app.fixtures.groupId}/show/memberships`);
    const embedded = page.getByTestId('embedded-memberships');
    await expect.poll(() => embedded.locator('tbody tr').count()).toBe(3);
    await session.shot('18-embedded-list');
    await embedded.getByRole('link', { name: '添加' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/GroupMembership\/create/);
    await expect.poll(() => input('group').inputValue()).toBe('苹果产业代表小组');
    await input('deputy').fill('刘');
    await page.getByRole('option', { name: '刘丽娟' }).click();
    await input('joinedOn').fill('2024-03-01');
    await session.shot('19-embedded-add');
    await save();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/DeputyGroup/${app.fixtures.groupId}/show/memberships$`));
    await expect.poll(() => embedded.locator('tbody tr').count()).toBe(4);
    expect(await embedded.innerText()).toContain('2024年3月1日');
    await session.shot('20-embedded-added');
  });

  it('logged no errors in the browser console', () => {
    expect(session.errors).toEqual([]);
  });
});
