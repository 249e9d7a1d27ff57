/**
 * A suggestion moved through its workflow in Chromium (issue 21), every step from its page: a county's clerk
 * reviews it (立案) and assigns it to a lead unit and a co-handler, each due three months on; the lead unit's
 * staff sign in through the form, start, answer on the page and upload the signed answer letter (a PDF printed
 * by Chromium); the clerk reads the answer, downloads the letter, records each unit's satisfaction and closes
 * the case — meeting on the way a key supervision the standing committee recorded meanwhile (the conflict
 * dialog, then the step on the latest version). The state is read off the page after every step, the history
 * at the end, each side is offered only its own steps, and the panel reads in English too.
 */
import fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, answerMonths } from '../../schema/shared/suggestion-workflow.js';
import { todayInChina } from '../../schema/shared/validators.js';
import { testPassword } from '../support/test-server.js';
import { openSession, submitSignIn, type Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';
import { countPageObjects } from './support/pdf.js';

let app: ConsoleUnderTest;
let clerk: Session;
let handler: Session;
let suggestionId: string;
/** The county's units: the lead handler's (its first organisation, which the test handler works for) and a co-handler. */
const units = { lead: '测试县交通运输局', co: '测试县财政局' };
const county = '910101';
let letter: Buffer;

const panel = (session: Session) => session.page.getByTestId('workflow-panel');
const status = (session: Session) => panel(session).getByTestId('workflow-status').getAttribute('data-status');
/** The labels of the step buttons the panel offers. */
const stepButtons = (session: Session) => panel(session).getByTestId('workflow-steps').getByRole('button').allInnerTexts();
/** The value cell of a labelled field on a show page. */
const shown = (session: Session, label: string) => session.page.locator('.RaLabeled-label', { hasText: label }).locator('xpath=..');
const dialog = (session: Session, step: string) => session.page.getByTestId(`step-dialog-${step}`);
/** An attribute of every element a locator finds, in order. */
const attributes = async (found: Locator, name: string) => Promise.all((await found.all()).map((item) => item.getAttribute(name)));
/** The cells' texts of every row a locator finds. */
/** A date as the pages write it in Chinese: 2025年3月7日. */
const formatDate = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};
const cellsOf = async (rows: Locator) => Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents()));

/** Opens the case's page afresh (as a user coming back to it: what others did since is read anew). */
async function openCase(session: Session) {
  await session.page.goto(`/admin/#/Suggestion/${suggestionId}/show`);
  await session.page.reload();
  await expect.poll(() => status(session)).not.toBeNull();
}

/** Opens a step's dialog from its button. */
async function openStep(session: Session, step: string) {
  await panel(session).getByTestId(`step-${step}`).click();
  await expect.poll(() => dialog(session, step).isVisible()).toBe(true);
}

/** Picks a unit in the organisation picker inside `scope`. */
async function pickUnit(session: Session, scope: ReturnType<Session['page']['locator']>, name: string) {
  const field = scope.locator('[data-field="organisationId"] input').first();
  await field.fill(name.slice(3, 5));
  await session.page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await expect.poll(() => field.inputValue()).toBe(name);
}

/** Waits for the case to reach `state` on the page: the panel's state and the record's own field. */
async function expectState(session: Session, state: string, label: string) {
  await expect.poll(() => status(session)).toBe(state);
  await expect.poll(() => shown(session, '办理状态').innerText()).toContain(label);
  expect(await panel(session).getByTestId('workflow-diagram').locator('[data-current]').getAttribute('data-state')).toBe(state);
}

beforeAll(async () => {
  app = await startConsole();
  const regionId = app.fixtures.countyIds[0];
  for (const name of [units.lead, units.co]) {
    const made = await app.server.gql(`mutation ($input: OrganisationCreateInput!) { createOrganisation(input: $input) { id } }`, { input: { name, kind: 'GOVERNMENT_DEPT', regionId } });
    expect(made.errors).toBeUndefined();
  }
  const created = await app.server.gql<{ createSuggestion: { id: string } }>(`mutation ($input: SuggestionCreateInput!) { createSuggestion(input: $input) { id } }`, {
    input: { number: '第 12 号', title: '关于修缮乡村公路的建议', regionId, submittedOn: '2024-03-01', body: '建议修缮东川镇至西山村公路。' },
  });
  suggestionId = created.data!.createSuggestion.id;
  // The unit's account (bound to the county's first organisation, the lead unit); it signs in through the form below.
  await app.server.as('HANDLER', county);
  clerk = await app.openSession('CLERK', county);
  handler = await openSession(app.browser, app.server.url);
});

afterAll(async () => {
  await app?.stop();
});

describe('a suggestion through its workflow', () => {
  it('shows the clerk the declared workflow with the case submitted, and the steps that are theirs', async () => {
    await openCase(clerk);
    await expectState(clerk, 'SUBMITTED', '提出');
    const diagram = panel(clerk).getByTestId('workflow-diagram');
    expect(await attributes(diagram.locator('[data-state]'), 'data-state')).toEqual(['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED', 'REJECTED', 'MERGED']);
    for (const label of ['提出', '审查', '交办', '办理', '答复', '反馈', '办结', '不予立案', '已并案', '立案', '重新办理', '满意度反馈']) expect(await diagram.textContent()).toContain(label);
    expect(await panel(clerk).getByTestId('workflow-keeping-state').innerText()).toContain('重点督办');
    expect(await stepButtons(clerk)).toEqual(['审查', '重点督办']);
    await clerk.shot('60-workflow-submitted');
  });

  it('reviews: 立案, the reason asked only for 不予立案', async () => {
    await openStep(clerk, 'review');
    const review = dialog(clerk, 'review');
    expect(await review.innerText()).toContain('由“提出”到“审查 / 不予立案 / 已并案”');
    await review.locator('[data-field="decision"]').getByRole('combobox').click();
    await clerk.page.getByRole('option', { name: '不予立案', exact: true }).click();
    await expect.poll(() => review.locator('[data-field="reason"]').count()).toBe(1);
    expect(await review.locator('[data-field="reviewedOn"] input').inputValue()).toBe(todayInChina());
    await review.locator('[data-field="decision"]').getByRole('combobox').click();
    await clerk.page.getByRole('option', { name: '立案', exact: true }).click();
    await expect.poll(() => review.locator('[data-field="reason"]').count()).toBe(0);
    await clerk.shot('61-workflow-review');
    await review.getByTestId('step-submit').click();
    await expect.poll(() => review.isVisible()).toBe(false);
    await expectState(clerk, 'REVIEWED', '审查');
    expect(await stepButtons(clerk)).toEqual(['交办', '重点督办']);
  });

  it('assigns the case to a lead unit and a co-handler, each due three months on', async () => {
    await openStep(clerk, 'assign');
    const assign = dialog(clerk, 'assign');
    expect(await assign.innerText()).toContain('主办单位');
    expect(await assign.innerText()).toContain('协办单位');
    const due = addMonths(todayInChina(), answerMonths);
    const lead = assign.getByTestId('input-lead');
    expect(await lead.locator('[data-field="dueOn"] input').inputValue()).toBe(due);
    await pickUnit(clerk, lead, units.lead);
    const co = assign.getByTestId('input-coHandlers');
    // Co-handlers are added and removed; each added one is due three months on too.
    await co.getByRole('button', { name: '添加' }).click();
    await co.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => co.getByTestId('list-item').count()).toBe(2);
    await co.getByTestId('list-item').nth(1).getByRole('button', { name: '移除' }).click();
    await expect.poll(() => co.getByTestId('list-item').count()).toBe(1);
    expect(await co.locator('[data-field="dueOn"] input').inputValue()).toBe(due);
    await pickUnit(clerk, co, units.co);
    await clerk.shot('62-workflow-assign');
    // The server's refusal, in the console's language, in the dialog and on the input it names; nothing changed.
    await lead.locator('[data-field="dueOn"] input').fill('2020-01-01');
    await assign.getByTestId('step-submit').click();
    await expect.poll(() => assign.getByTestId('step-refused').innerText()).toBe('答复期限不能早于交办日期');
    expect(await lead.locator('[data-field="dueOn"]').innerText()).toContain('答复期限不能早于交办日期');
    expect(await status(clerk)).toBe('REVIEWED');
    await clerk.shot('62a-workflow-assign-refused');
    await lead.locator('[data-field="dueOn"] input').fill(due);
    await assign.getByTestId('step-submit').click();
    await expect.poll(() => assign.isVisible()).toBe(false);
    await expectState(clerk, 'ASSIGNED', '交办');
    const handlings = panel(clerk).getByTestId('workflow-handling');
    await expect.poll(() => handlings.count()).toBe(2);
    expect(await handlings.nth(0).innerText()).toContain(units.lead);
    expect(await handlings.nth(0).innerText()).toContain('主办');
    expect(await handlings.nth(1).innerText()).toContain(units.co);
    // Nothing is the secretariat's to do while the units work but supervising (a unit has asked for nothing).
    expect(await stepButtons(clerk)).toEqual(['重点督办']);
  });

  it('lets the lead unit’s staff sign in and start: their own steps and handling only, the history as they read it', async () => {
    const { page } = handler;
    await page.goto(`/admin/#/Suggestion/${suggestionId}/show`);
    await expect.poll(() => page.getByTestId('sign-in').isVisible()).toBe(true);
    await submitSignIn(page, `test_handler_${county}`, testPassword);
    await expect.poll(() => status(handler)).toBe('ASSIGNED');
    // The visitor's first question, whether a session exists, was answered 401 before signing in: not an error of the page.
    expect(handler.errors.filter((error) => !error.includes('401'))).toEqual([]);
    handler.errors.length = 0;
    expect(await stepButtons(handler)).toEqual(['开始办理', '申请调整承办单位']);
    // A unit's staff read their own handling only, and the history of their case without the units' names (no organisation is theirs to read).
    await expect.poll(() => panel(handler).getByTestId('workflow-handling').count()).toBe(1);
    expect(await panel(handler).getByTestId('workflow-handling').innerText()).toContain('本单位');
    expect(await attributes(panel(handler).getByTestId('history-row'), 'data-step')).toEqual(['ACCEPT', 'ASSIGN', 'ASSIGN']);
    expect((await cellsOf(panel(handler).getByTestId('history-row'))).map((row) => row[2])).toEqual([
      '',
      '答复期限 ' + formatDate(addMonths(todayInChina(), answerMonths)),
      '答复期限 ' + formatDate(addMonths(todayInChina(), answerMonths)),
    ]);
    await handler.shot('63-workflow-handler-assigned');
    await openStep(handler, 'start');
    expect(await dialog(handler, 'start').locator('[data-field="startedOn"] input').inputValue()).toBe(todayInChina());
    await dialog(handler, 'start').getByTestId('step-submit').click();
    await expectState(handler, 'IN_PROGRESS', '办理');
  });

  it('answers on the page with the signed answer letter uploaded beside it', async () => {
    const form = panel(handler).getByTestId('step-form-answer');
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await stepButtons(handler)).toEqual(['申请调整承办单位']);
    // Required facts are asked for before anything is sent.
    await form.getByTestId('step-submit').click();
    await expect.poll(() => form.locator('[data-field="answer"]').innerText()).toContain('必填');
    const answer = '经研究，东川镇至西山村公路已列入今年农村公路养护计划，将于年内完成修缮。';
    await form.locator('[data-field="answer"] textarea').first().fill(answer);
    await form.locator('[data-field="answerCategory"]').getByRole('combobox').click();
    await handler.page.getByRole('option', { name: '已解决', exact: true }).click();

    // The letter, printed by Chromium, uploaded to the unit's handling while the answer is being written.
    const printing = await handler.context.newPage();
    await printing.setContent('<h1>关于第 12 号建议的答复函</h1><p>东川镇至西山村公路已列入今年农村公路养护计划。</p><p>测试县交通运输局</p>');
    letter = Buffer.from(await printing.pdf({ format: 'A4' }));
    await printing.close();
    await panel(handler).getByTestId('workflow-unit').getByTestId('attachment-file').setInputFiles({ name: '答复函.pdf', mimeType: 'application/pdf', buffer: letter });
    await expect.poll(() => panel(handler).getByTestId('handling-file').allInnerTexts()).toEqual(['答复函.pdf']);
    // The case read again after the upload leaves what was typed as it was.
    expect(await form.locator('[data-field="answer"] textarea').first().inputValue()).toBe(answer);
    await handler.shot('64-workflow-answer');
    await form.getByTestId('step-submit').click();
    await expectState(handler, 'ANSWERED', '答复');
    await expect.poll(() => panel(handler).getByTestId('workflow-no-steps').isVisible()).toBe(true);
    expect(await panel(handler).getByTestId('handling-answer').innerText()).toBe(answer);
    await handler.shot('65-workflow-answered');
    expect(handler.errors).toEqual([]);
  });

  it('lets the co-handling unit’s staff give its opinion on the page, after the lead’s answer, once', async () => {
    // The co-handler's account, made as an administrator makes one.
    const { data } = await app.server.gql<{ organisations: { nodes: { id: string }[] } }>(`{ organisations(where: { name: { eq: "${units.co}" } }) { nodes { id } } }`);
    const made = await app.server.gql(`mutation ($input: UserCreateInput!, $password: String!) { createUser(input: $input, password: $password) { id } }`, {
      input: { username: 'co_handler', displayName: '财政局经办人', role: 'HANDLER', organisationId: data!.organisations.nodes[0].id },
      password: testPassword,
    });
    expect(made.errors).toBeUndefined();
    const co = await openSession(app.browser, app.server.url);
    try {
      await co.page.goto(`/admin/#/Suggestion/${suggestionId}/show`);
      await expect.poll(() => co.page.getByTestId('sign-in').isVisible()).toBe(true);
      await submitSignIn(co.page, 'co_handler', testPassword);
      await expect.poll(() => status(co)).toBe('ANSWERED');
      const form = panel(co).getByTestId('step-form-opinion');
      await expect.poll(() => form.isVisible()).toBe(true);
      // Nothing of the lead's to take: the opinion is this unit's own work, on its own handling.
      expect(await panel(co).getByTestId('step-form-answer').count()).toBe(0);
      // Its one step is the form: no heading of next steps over no buttons.
      expect(await panel(co).getByTestId('workflow-steps').count()).toBe(0);
      expect(await panel(co).getByText('可办理的下一步').count()).toBe(0);
      await form.locator('[data-field="answer"] textarea').first().fill('财政局同意主办单位意见，养护资金已列入预算。');
      await co.shot('64b-workflow-co-opinion');
      await form.getByTestId('step-submit').click();
      await expect.poll(() => panel(co).getByTestId('step-form-opinion').count()).toBe(0);
      await expect.poll(() => panel(co).getByTestId('handling-answer').innerText()).toBe('财政局同意主办单位意见，养护资金已列入预算。');
      expect(await status(co)).toBe('ANSWERED');
      await expect.poll(() => panel(co).getByTestId('workflow-no-steps').isVisible()).toBe(true);
      expect(co.errors.filter((error) => !error.includes('401'))).toEqual([]);
    } finally {
      await co.context.close();
    }
  });

  it('shows the clerk the answer and its letter, and records each unit’s satisfaction', async () => {
    await openCase(clerk);
    await expectState(clerk, 'ANSWERED', '答复');
    // Each unit's answer under its handling: the lead's to the deputy, then the co-handler's opinion.
    expect(await panel(clerk).getByTestId('handling-answer').allInnerTexts()).toEqual([expect.stringContaining('已列入今年农村公路养护计划'), '财政局同意主办单位意见，养护资金已列入预算。']);
    const download = clerk.page.waitForEvent('download');
    await panel(clerk).getByTestId('handling-file').click();
    const saved = fs.readFileSync(await (await download).path());
    expect(saved.equals(letter)).toBe(true);
    expect(countPageObjects(saved.toString('latin1'))).toBe(1);
    expect(await stepButtons(clerk)).toEqual(['满意度测评', '重点督办']);

    await openStep(clerk, 'feedback');
    const feedback = dialog(clerk, 'feedback');
    const rows = feedback.getByTestId('per-handling-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain(units.lead);
    expect(await rows.nth(1).innerText()).toContain(units.co);
    for (const row of await rows.all()) {
      await row.locator('[data-field="satisfaction"]').getByRole('combobox').click();
      await clerk.page.getByRole('option', { name: '满意', exact: true }).click();
    }
    await clerk.shot('66-workflow-feedback');
    await feedback.getByTestId('step-submit').click();
    await expectState(clerk, 'FEEDBACK', '反馈');
    expect(await stepButtons(clerk)).toEqual(['办结', '重点督办']);
  });

  it('closes the case, meeting a change made meanwhile: the conflict dialog, then the step on the latest version', async () => {
    // The standing committee's key supervision, recorded by someone else while the clerk has the page open.
    const before = (await app.server.gql<{ suggestion: { version: number } }>(`{ suggestion(id: "${suggestionId}") { version } }`)).data!.suggestion.version;
    const supervised = await app.server.gql(`mutation { superviseSuggestion(id: "${suggestionId}", version: ${before}, input: { keySupervised: true, leader: "常委会副主任" }) { version } }`);
    expect(supervised.errors).toBeUndefined();
    await openStep(clerk, 'close');
    await dialog(clerk, 'close').getByTestId('step-submit').click();
    const conflict = clerk.page.getByTestId('conflict-dialog');
    await expect.poll(() => conflict.isVisible()).toBe(true);
    await expect.poll(() => conflict.innerText()).toContain('督办领导');
    expect(await conflict.innerText()).toContain('常委会副主任');
    await clerk.shot('67-workflow-conflict');
    await conflict.getByRole('button', { name: '按最新版本仍然办理' }).click();
    await expectState(clerk, 'CLOSED', '办结');
    await expect.poll(() => panel(clerk).getByTestId('workflow-no-steps').isVisible()).toBe(true);
    expect(await panel(clerk).innerText()).toContain('重点督办（督办领导：常委会副主任）');
  });

  it('tells the story of the case in its history, in order', async () => {
    const rows = panel(clerk).getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(9);
    expect(await attributes(rows, 'data-step')).toEqual(['ACCEPT', 'ASSIGN', 'ASSIGN', 'START', 'ANSWER', 'OPINION', 'FEEDBACK', 'SUPERVISE', 'CLOSE']);
    const cells = await cellsOf(rows);
    expect(cells.map((row) => row[0])).toEqual(Array(9).fill(formatDate(todayInChina())));
    expect(cells.map((row) => row[1])).toEqual(['立案', '交办', '交办', '开始办理', '答复', '协办意见', '满意度反馈', '列为重点督办', '办结']);
    expect(cells[1][2]).toContain(units.lead);
    expect(cells[2][2]).toContain(units.co);
    expect(cells[1][2]).toContain('答复期限');
    const actors = cells.map((row) => row[3]);
    const who = (actor: string) => (actor.includes(`test_handler_${county}`) ? 'unit' : actor.includes('co_handler') ? 'co' : actor.includes(`test_clerk_${county}`) ? 'clerk' : 'other');
    expect(actors.map(who)).toEqual(['clerk', 'clerk', 'clerk', 'unit', 'unit', 'co', 'clerk', 'other', 'clerk']);
    expect(cells[4][4]).toContain('已解决：经研究');
    expect(cells[5][4]).toBe('财政局同意主办单位意见，养护资金已列入预算。');
    expect(cells[6][4]).toBe('满意、满意');
    expect(cells[7][4]).toBe('常委会副主任');
    const taken = await attributes(panel(clerk).getByTestId('workflow-diagram').locator('[data-taken]'), 'data-edge');
    expect(taken).toEqual(['SUBMITTED>REVIEWED', 'REVIEWED>ASSIGNED', 'ASSIGNED>IN_PROGRESS', 'IN_PROGRESS>ANSWERED', 'ANSWERED>FEEDBACK', 'FEEDBACK>CLOSED']);
    await clerk.shot('68-workflow-closed');
  });

  it('reads in English', async () => {
    const { page } = clerk;
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => panel(clerk).getByRole('heading', { level: 2 }).innerText()).toBe('Workflow');
    expect(await panel(clerk).getByTestId('workflow-status').innerText()).toBe('Closed');
    const text = await panel(clerk).innerText();
    for (const label of ['Current state', 'History of the case', 'Next steps', 'No step is yours to take in this state.', 'Handling unit', 'Lead handler']) expect(text).toContain(label);
    const steps = (await cellsOf(panel(clerk).getByTestId('history-row'))).map((row) => row[1]);
    expect(steps).toEqual(['Accepted', 'Assigned', 'Assigned', 'Handling started', 'Answered', 'Co-handling opinion given', 'Feedback recorded', 'Put under key supervision', 'Closed']);
    expect(await panel(clerk).getByTestId('workflow-diagram').textContent()).toContain('Not accepted');
    await clerk.shot('69-workflow-english');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    expect(clerk.errors).toEqual([]);
  });
});
