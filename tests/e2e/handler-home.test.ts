/**
 * Issue 21 in Chromium: a handling unit's staff sign in and find their tasks in four groups on the home page,
 * with the days left or overdue, each line opening the suggestion, and the deadline badge on the suggestions'
 * menu entry; another unit's case is absent. The secretariat's board counts the region's suggestions by state
 * and lists the key-supervised ones with their days overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../schema/shared/calendar-days.js';
import { todayInChina } from '../../schema/shared/validators.js';
import type { Gql } from '../support/test-server.js';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
const today = todayInChina();
const cases = {} as Record<'fresh' | 'soon' | 'late' | 'other', string>;

/** The answer's data, or the errors thrown; read as the test's query shapes it. */
const ok = async (answer: Promise<{ data?: any; errors?: { message: string }[] }>): Promise<any> => {
  const { data, errors } = await answer;
  if (!data) throw new Error(errors?.map((error) => error.message).join('; '));
  return data;
};

/** A suggestion of the county `regionId`, accepted and assigned 40 days ago to `organisationId`, due on `dueOn`: its id and its handling's. */
async function assigned(number: string, title: string, regionId: string, organisationId: string, dueOn: string) {
  const gql = app.server.gql;
  const made = (await ok(gql(`mutation ($input: SuggestionCreateInput!) { createSuggestion(input: $input) { id version } }`, { input: { number, title, regionId, submittedOn: addDays(today, -45) } })))
    .createSuggestion;
  const reviewed = (
    await ok(gql(`mutation ($id: ID!, $version: Int!) { reviewSuggestion(id: $id, version: $version, input: { decision: ACCEPT, reviewedOn: "${addDays(today, -42)}" }) { version } }`, made))
  ).reviewSuggestion;
  const assignment = (
    await ok(
      gql(`mutation ($id: ID!, $version: Int!, $input: SuggestionAssignInput!) { assignSuggestion(id: $id, version: $version, input: $input) { version handlings { nodes { id } } } }`, {
        id: made.id,
        version: reviewed.version,
        input: { lead: { organisationId, dueOn }, coHandlers: [], assignedOn: addDays(today, -40) },
      }),
    )
  ).assignSuggestion;
  return { id: made.id as string, handling: assignment.handlings.nodes[0].id as string };
}

async function start(handler: Gql, handling: string) {
  const { version } = (await ok(handler(`{ suggestionHandling(id: "${handling}") { version } }`))).suggestionHandling;
  await ok(handler(`mutation ($id: ID!, $version: Int!) { startSuggestionHandling(id: $id, version: $version, input: { startedOn: "${addDays(today, -30)}" }) { id } }`, { id: handling, version }));
}

beforeAll(async () => {
  app = await startConsole();
  const [countyA, countyB] = app.fixtures.countyIds;
  const gql = app.server.gql;
  // The handler of 测试县01 works for its first organisation.
  const unit = (await ok(gql(`mutation { createOrganisation(input: { name: "测试县01交通运输局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`))).createOrganisation.id;
  const otherUnit = (await ok(gql(`mutation { createOrganisation(input: { name: "测试县02水务局", kind: GOVERNMENT_DEPT, regionId: "${countyB}" }) { id } }`))).createOrganisation.id;
  const handler = await app.server.as('HANDLER', '910101');
  const fresh = await assigned('第1号', '关于新建村级公路的建议', countyA, unit, addDays(today, 30));
  const soon = await assigned('第2号', '关于修缮校舍的建议', countyA, unit, addDays(today, 5));
  await start(handler, soon.handling);
  const late = await assigned('第3号', '关于整治河道的建议', countyA, unit, addDays(today, -3));
  await start(handler, late.handling);
  const other = await assigned('第4号', '关于改造供水管网的建议', countyB, otherUnit, addDays(today, -10));
  Object.assign(cases, { fresh: fresh.id, soon: soon.id, late: late.id, other: other.id });
  const { version } = (await ok(gql(`{ suggestion(id: "${late.id}") { version } }`))).suggestion;
  await ok(gql(`mutation ($id: ID!, $version: Int!) { superviseSuggestion(id: $id, version: $version, input: { keySupervised: true, leader: "李主任" }) { id } }`, { id: late.id, version }));
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

describe('a handling unit’s home', () => {
  let session: Session;
  beforeAll(async () => {
    session = await app.openSession('HANDLER', '910101');
  });

  it('shows their tasks in four groups with the days left or overdue, and the badge', async () => {
    const { page } = session;
    await page.goto('/admin/');
    const count = (group: string) => page.getByTestId(`tasks-${group}-count`).innerText();
    await expect.poll(() => count('overdue')).toBe('1');
    expect([await count('assigned'), await count('dueSoon'), await count('returned')]).toEqual(['1', '1', '0']);
    const lines = (group: string) => page.getByTestId(`tasks-${group}`).getByTestId('task-line').allInnerTexts();
    expect((await lines('overdue')).map((text) => text.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/^第3号 关于整治河道的建议 主办 · 期限 .+ 超期 3 天$/)]);
    expect((await lines('dueSoon')).map((text) => text.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/^第2号 关于修缮校舍的建议 主办 · 期限 .+ 剩 5 天$/)]);
    expect(await lines('assigned')).toEqual([expect.stringContaining('关于新建村级公路的建议')]);
    expect(await page.getByTestId('tasks-returned').innerText()).toContain('暂无');
    // Another county's unit's case is nowhere on the page.
    expect(await page.getByText('关于改造供水管网的建议').count()).toBe(0);
    // The badge: due soon and overdue, two.
    await expect.poll(() => page.getByTestId('deadline-badge').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('deadline-badge').innerText()).toContain('2');
    await session.shot('21-handler-home');
  });

  it('opens the suggestion’s page from a task', async () => {
    const { page } = session;
    await page.getByTestId('tasks-overdue').getByTestId('task-line').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/Suggestion/${cases.late}/show$`));
  });

  it('has no board in the menu: the board is the secretariat’s', async () => {
    expect(await session.page.getByTestId('menu-board').count()).toBe(0);
  });

  it('shows the other county’s case to that county’s unit: the case absent above is out of reach, not undrawn', async () => {
    const other = await app.openSession('HANDLER', '910102');
    try {
      await other.page.goto('/admin/');
      await expect.poll(() => other.page.getByTestId('tasks-overdue-count').innerText()).toBe('1');
      expect(await other.page.getByTestId('tasks-overdue').getByTestId('task-line').allInnerTexts()).toEqual([expect.stringContaining('关于改造供水管网的建议')]);
    } finally {
      await other.context.close();
    }
  });
});

describe('the secretariat’s board', () => {
  let session: Session;
  beforeAll(async () => {
    session = await app.openSession('CLERK', '910101');
  });

  it('counts their region’s suggestions by state and lists the key-supervised ones with days overdue', async () => {
    const { page } = session;
    await page.goto('/admin/');
    // The clerk's badge: their county's due soon and overdue (not 测试县02's).
    await expect.poll(() => page.getByTestId('deadline-badge').getAttribute('data-count')).toBe('2');
    await page.getByTestId('menu-board').click();
    const count = (state: string) => page.getByTestId(`board-${state}-count`).innerText();
    await expect.poll(() => count('IN_PROGRESS')).toBe('2');
    expect([await count('ASSIGNED'), await count('SUBMITTED'), await count('CLOSED')]).toEqual(['1', '0', '0']);
    expect(await page.getByTestId('board-ASSIGNED').innerText()).toContain('测试县01交通运输局');
    expect(await page.getByText('关于改造供水管网的建议').count()).toBe(0);
    const rows = await page.getByTestId('supervision-row').allInnerTexts();
    expect(rows.map((text) => text.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/^第3号 关于整治河道的建议 李主任 办理 测试县01交通运输局 .+ 3 天$/)]);
    await session.shot('21-board');
  });
});
