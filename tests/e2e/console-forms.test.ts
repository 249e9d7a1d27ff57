/**
 * The generated forms in Chromium: create with a client-side validation error, a server error shown on
 * its field, then success (gender and birth date filled from the ID number); edit; an end date before its
 * start refused in the browser; a concurrent-edit conflict from two browser contexts; soft delete and
 * restore; delete with a reason; a delete conflict; an embedded to-many list with add and remove.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';
import { idNumber } from './support/fixtures.js';

let app: ConsoleUnderTest;
let session: Session;

const input = (name: string) => session.page.locator(`[data-field="${name}"] input`).first();
const save = () => session.page.getByRole('button', { name: '保存' }).click();
/** The value cell of a labelled field on a show page. */
const shown = (label: string) => session.page.locator('.RaLabeled-label', { hasText: label }).locator('xpath=..');

/** Collects the GraphQL request bodies a page sends from now on; `stop` detaches the listener. */
function graphqlBodies(page: Session['page']) {
  const bodies: string[] = [];
  const listener = (request: { url: () => string; postData: () => string | null }) => {
    if (request.url().endsWith('/graphql')) bodies.push(request.postData() ?? '');
  };
  page.on('request', listener);
  return { bodies, stop: () => page.off('request', listener) };
}

beforeAll(async () => {
  app = await startConsole();
  session = await app.openSession();
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

  it('refuses an end date before its start in the browser, on the end field, then saves a later one', async () => {
    const { page } = session;
    const id = app.fixtures.deputyIds[4]; // elected on 2021-10-15
    await page.goto(`/admin/#/Deputy/${id}`);
    await expect.poll(() => input('electedOn').inputValue()).toBe('2021-10-15');
    const sent = graphqlBodies(page);
    try {
      await input('endedOn').fill('2021-10-01');
      await save();
      await expect.poll(() => page.locator('[data-field="endedOn"]').innerText()).toContain('不能早于当选日期（2021-10-15）');
      await session.shot('13a-date-order-error');
      expect(sent.bodies.filter((body) => body.includes('updateDeputy'))).toEqual([]);
      expect(page.url()).toMatch(new RegExp(`#/Deputy/${id}$`));
      const unchanged = await app.server.gql<{ deputy: { endedOn: string | null; version: number } }>(`{ deputy(id: ${id}) { endedOn version } }`);
      expect(unchanged.data?.deputy).toEqual({ endedOn: null, version: 1 });

      await input('endedOn').fill('2023-06-30');
      await save();
      await expect.poll(() => page.url()).toMatch(new RegExp(`#/Deputy/${id}/show$`));
      await expect.poll(() => shown('终止日期').innerText()).toContain('2023年6月30日');
      expect(sent.bodies.filter((body) => body.includes('updateDeputy'))).toHaveLength(1);
      await session.shot('13b-date-order-saved');
    } finally {
      sent.stop();
    }
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
    const other = await app.openSession();
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

  it('deletes a record with a reason, kept on the record and shown in the deleted-records view', async () => {
    const { page } = session;
    const id = app.fixtures.personIds[10];
    await page.goto(`/admin/#/Person/${id}/show`);
    await expect.poll(() => shown('姓名').innerText()).toContain('徐海燕');
    await page.getByRole('button', { name: '删除' }).click();
    const dialog = page.getByTestId('delete-dialog');
    const reason = dialog.getByTestId('delete-reason');
    // The server keeps at most 200 characters of a reason: one more cannot be confirmed.
    await reason.fill('重'.repeat(201));
    await expect.poll(() => dialog.innerText()).toContain('不能超过 200 个字符（现有 201 个）');
    expect(await dialog.getByRole('button', { name: '确认' }).isDisabled()).toBe(true);
    await reason.fill('与另一条记录重复，已合并');
    await expect.poll(() => dialog.innerText()).toContain('已填 12 个');
    await session.shot('17a-delete-reason');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/Person$|#\/Person\?/);

    await page.getByLabel('已删除的记录').click();
    await expect.poll(() => page.locator('table tbody tr').allInnerTexts()).toEqual([expect.stringContaining('徐海燕')]);
    expect(await page.locator('table thead').innerText()).toContain('删除原因');
    expect(await page.locator('table tbody').innerText()).toContain('与另一条记录重复，已合并');
    await session.shot('17b-deleted-with-reason');
    const stored = await app.server.gql<{ person: { deletedAt: string | null; deletedReason: string | null } }>(`{ person(id: ${id}, withDeleted: true) { deletedAt deletedReason } }`);
    expect(stored.data?.person).toEqual({ deletedAt: expect.any(String), deletedReason: '与另一条记录重复，已合并' });
    await page.getByLabel('已删除的记录').click();
  });

  it('shows a conflict when deleting a record someone changed meanwhile: reload keeps it, delete anyway deletes it', async () => {
    const { page } = session;
    const id = app.fixtures.personIds[7];
    const other = await app.openSession();
    const editElsewhere = async (workplace: string) => {
      await other.page.goto(`/admin/#/Person/${id}`);
      await expect.poll(() => other.page.locator('[data-field="workplace"] input').inputValue()).not.toBe('');
      await other.page.locator('[data-field="workplace"] input').fill(workplace);
      await other.page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => other.page.url()).toMatch(/\/show$/);
    };
    const deleteHere = async () => {
      await page.getByRole('button', { name: '删除' }).click();
      await page.getByTestId('delete-dialog').getByTestId('delete-reason').fill('已调离本县');
      await page.getByTestId('delete-dialog').getByRole('button', { name: '确认' }).click();
    };
    try {
      await page.goto(`/admin/#/Person/${id}/show`);
      await expect.poll(() => shown('工作单位及职务').innerText()).toContain('测试县人民政府');
      await editElsewhere('测试县教育局');

      await deleteHere();
      const dialog = page.getByTestId('conflict-dialog');
      await expect.poll(() => dialog.innerText()).toContain('测试县教育局');
      expect(await dialog.innerText()).toContain('这条记录已被他人修改');
      expect(await dialog.innerText()).toContain('测试县人民政府');
      expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['重新加载', '仍然删除']);
      await session.shot('17c-delete-conflict');
      await dialog.getByRole('button', { name: '重新加载' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await expect.poll(() => shown('工作单位及职务').innerText()).toContain('测试县教育局');
      expect(page.url()).toMatch(new RegExp(`#/Person/${id}/show$`));
      const kept = await app.server.gql<{ person: { deletedAt: string | null; version: number } }>(`{ person(id: ${id}) { deletedAt version } }`);
      expect(kept.data?.person).toEqual({ deletedAt: null, version: 2 });
      await session.shot('17d-delete-conflict-reloaded');

      // Changed once more meanwhile: this time the user deletes the new version knowingly.
      await editElsewhere('测试县卫生健康局');
      await deleteHere();
      await expect.poll(() => dialog.innerText()).toContain('测试县卫生健康局');
      await dialog.getByRole('button', { name: '仍然删除' }).click();
      await expect.poll(() => page.url()).toMatch(/#\/Person$|#\/Person\?/);
      const deleted = await app.server.gql<{ person: { deletedReason: string | null; workplace: string } }>(`{ person(id: ${id}, withDeleted: true) { deletedReason workplace } }`);
      expect(deleted.data?.person).toEqual({ deletedReason: '已调离本县', workplace: '测试县卫生健康局' });
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('deletes none of the selected rows when one changed meanwhile, and says so', async () => {
    const { page } = session;
    // Two persons who hold no seat (born 1976 and 1978; the one born 1977 was deleted above): the delete is not refused for a seat.
    await page.goto(
      '/admin/#/Person?' + new URLSearchParams({ filter: JSON.stringify({ birthDate: { gte: '1976-01-01', lte: '1978-12-31' } }), page: '1', perPage: '25', sort: 'name', order: 'ASC' }).toString(),
    );
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await page.locator('table thead input[type="checkbox"]').check();
    const id = app.fixtures.personIds[6];
    const before = await app.server.gql<{ person: { version: number } }>(`{ person(id: ${id}) { version } }`);
    const changed = await app.server.gql(`mutation { updatePerson(id: ${id}, version: ${before.data!.person.version}, input: { workplace: "测试县司法局" }) { version } }`);
    expect(changed.errors).toBeUndefined();

    await page.getByRole('button', { name: '删除' }).click();
    await page.getByTestId('delete-dialog').getByTestId('delete-reason').fill('批量清理');
    await page.getByTestId('delete-dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.locator('.MuiSnackbar-root').innerText()).toContain('所选记录中有的已被他人修改，本次没有删除任何记录');
    await session.shot('18b-bulk-delete-conflict');
    expect(await page.locator('table tbody tr').count()).toBe(2);
    const kept = await app.server.gql<{ persons: { totalCount: number } }>(`{ persons(where: { birthDate: { gte: "1976-01-01", lte: "1978-12-31" } }) { totalCount } }`);
    expect(kept.data?.persons.totalCount).toBe(2);
    await page.getByRole('button', { name: '取消选择' }).click();
  });

  it('bulk-deletes the selected rows, sending each one with its version', async () => {
    const { page } = session;
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) bodies.push(request.postData() ?? '');
    });
    await page.goto(
      '/admin/#/Person?' + new URLSearchParams({ filter: JSON.stringify({ birthDate: { gte: '1978-01-01', lte: '1979-12-31' } }), page: '1', perPage: '25', sort: 'name', order: 'ASC' }).toString(),
    );
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await page.locator('table thead input[type="checkbox"]').check();
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByTestId('delete-reason').fill('测试数据，已清理');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(0);
    const bulk = bodies.find((body) => body.includes('deletePersons'));
    expect(JSON.parse(bulk!).variables.reason).toBe('测试数据，已清理');
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

  it('removes a row of an embedded list with a reason, staying on the page', async () => {
    const { page } = session;
    const url = new RegExp(`#/DeputyGroup/${app.fixtures.groupId}/show/memberships$`);
    await page.goto(`/admin/#/DeputyGroup/${app.fixtures.groupId}/show/memberships`);
    const embedded = page.getByTestId('embedded-memberships');
    await expect.poll(() => embedded.locator('tbody tr').count()).toBe(4);
    const row = embedded.locator('tbody tr', { hasText: '刘丽娟' });
    await row.getByRole('button', { name: '移除' }).click();
    // Typing and clicking in the dialog must not open the row behind it.
    await page.getByTestId('delete-reason').fill('录入错误');
    await page.getByTestId('delete-dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => embedded.locator('tbody tr').count()).toBe(3);
    expect(page.url()).toMatch(url);
    expect(await embedded.innerText()).not.toContain('刘丽娟');
    await session.shot('21-embedded-removed');
  });

  it('tells people apart in a picker, fetching none of their personal identifiers (issue 18, defect 3)', async () => {
    const { page } = session;
    const personalReads = async () =>
      (await app.server.gql<{ auditEntries: { totalCount: number } }>(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { totalCount } }`)).data!.auditEntries.totalCount;
    const before = await personalReads();
    const bodies: string[] = [];
    const listen = (request: { url: () => string; postData: () => string | null }) => {
      if (request.url().endsWith('/graphql')) bodies.push(request.postData() ?? '');
    };
    page.on('request', listen);
    try {
      await page.goto('/admin/#/Deputy/create');
      await input('person').fill('王');
      // The title, then what the model declares tells people apart: gender, birth year and workplace here (no region given).
      await expect.poll(() => page.getByRole('option').first().innerText()).toMatch(/^王建国 · [男女] · (19|20)\d\d · 测试县人民政府$/);
      await session.shot('21d-picker');
    } finally {
      page.off('request', listen);
    }
    expect(bodies.some((body) => body.includes('persons'))).toBe(true);
    expect(bodies.filter((body) => /idNumber|mobile|address|birthDate/.test(body))).toEqual([]);
    expect(await personalReads()).toBe(before);
    await page.keyboard.press('Escape');
  });

  it("offers a clerk only their own region's subtree in region pickers, and starts a new record in their region (issue 18, defect 13)", async () => {
    const clerk = await app.openSession('CLERK', '910101');
    try {
      const { page } = clerk;
      await page.goto('/admin/#/LiaisonStation/create');
      const region = page.locator('[data-field="region"] input').first();
      await expect.poll(() => region.inputValue()).toBe('测试县01');
      // Another region picker (no default there): of the province's 32 regions only the clerk's county is offered.
      await page.goto('/admin/#/Training/create');
      await page.locator('[data-field="organiserRegion"] input').first().fill('测试');
      await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual([expect.stringMatching(/^测试县01 · 910101$/)]);
      await clerk.shot('21e-clerk-region-picker');
    } finally {
      await clerk.context.close();
    }
  });

  it('shows a record without its lock counter or empty deletion marks, and yes/no in words (issue 18, defect 12)', async () => {
    const { page } = session;
    await page.goto(`/admin/#/DeputyGroup/${app.fixtures.groupId}/show`);
    await expect.poll(() => shown('活动中').innerText()).toContain('是');
    const labels = await page.locator('.RaLabeled-label').allInnerTexts();
    expect(labels).toContain('小组名称');
    for (const hidden of ['版本', '删除时间', '删除原因']) expect(labels).not.toContain(hidden);
    await session.shot('21c-show-page');
  });

  it('says before deleting what the delete does to the records pointing at it: refused for a seat, memberships deleted with a group', async () => {
    const { page } = session;
    await page.goto(`/admin/#/Person/${app.fixtures.personIds[0]}/show`);
    await page.getByRole('button', { name: '删除' }).click();
    const dialog = page.getByTestId('delete-dialog');
    await expect.poll(() => dialog.getByTestId('delete-effect-REFUSE').innerText()).toBe('仍有 1 条人大代表记录（人员）指向它，不能删除；请先删除或修改这些记录');
    expect(await dialog.getByRole('button', { name: '确认' }).isDisabled()).toBe(true);
    await session.shot('21a-delete-refused');
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.goto(`/admin/#/DeputyGroup/${app.fixtures.groupId}/show`);
    await page.getByRole('button', { name: '删除' }).first().click();
    await expect.poll(() => dialog.getByTestId('delete-effect-CASCADE').innerText()).toBe('将同时删除 3 条小组成员记录（恢复时一并恢复）');
    expect(await dialog.getByRole('button', { name: '确认' }).isDisabled()).toBe(false);
    await session.shot('21b-delete-cascades');
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  it('logged no errors in the browser console', () => {
    expect(session.errors).toEqual([]);
  });
});
