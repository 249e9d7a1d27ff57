/**
 * The filters of a handler's home and of the deadline badge (schema/shared/handling-tasks.ts), and the
 * secretariat board's counts by state and supervision list (the console's own queries), asked of the generic API as each role: the server's read scoping does
 * the restricting. A unit's staff count and list their unit's handlings only (another unit's, in their county
 * or another, are absent), a clerk their region's; each group holds exactly the cases made for it.
 *
 *   case       unit    county  state        due (day = 2026-03-01)   what happened
 *   fresh      lead    A       ASSIGNED     +30                      assigned, not started
 *   soon       lead    A       IN_PROGRESS  +5                       started
 *   late       lead    A       IN_PROGRESS  −3                       started
 *   reopened   lead    A       IN_PROGRESS  3 months after feedback  answered, dissatisfied: 重新办理
 *   refused    lead    A       IN_PROGRESS  +60                      asked to be relieved, refused
 *   answered   lead    A       ANSWERED     −10                      answered (owes nothing)
 *   coLate     co      A       ASSIGNED     −20                      another unit of county A
 *   otherLate  other   B       ASSIGNED     −5                       a unit of county B
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { boardColumns, boardQuery, boardWhere, supervisionRows, type BoardAnswer, type BoardScope } from '../../admin/src/board/boardQuery.js';
import { deadlineBadgeQuery, deadlineBadgeVariables, handlerTasksQuery, handlerTasksVariables, taskGroups, type HandlerTasksAnswer } from '../../admin/src/tasks/handlerTasks.js';
import { addDays } from '../../schema/shared/calendar-days.js';
import { deadlineBadgeWhere, handlingTaskGroups, handlingTaskWhere, type HandlingTaskGroup } from '../../schema/shared/handling-tasks.js';
import { recordCreator } from '../support/samples.js';
import { useTestServer, type Gql, type GqlResponse } from '../support/test-server.js';

const env = useTestServer();
const day = '2026-03-01';
const cases = {} as Record<'fresh' | 'soon' | 'late' | 'reopened' | 'refused' | 'answered' | 'coLate' | 'otherLate', { handling: string; suggestion: string }>;
const users = {} as Record<'clerkA' | 'clerkB' | 'leadHandler' | 'otherHandler', Gql>;
let countyA: string;
let countyB: string;

/** The answer's data, once it is known to hold no error; read as the test's query shapes it. */
const ok = <T = any>(answer: GqlResponse<T>): T => {
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
};

let numbered = 0;
/** A suggestion of `regionId` accepted and assigned on 2026-01-05 to `organisationId`, due on `dueOn`. */
async function assigned(regionId: string, organisationId: string, dueOn: string) {
  numbered += 1;
  const made = ok(
    await env.server.gql(`mutation ($input: SuggestionCreateInput!) { createSuggestion(input: $input) { id version } }`, {
      input: { number: `任务${numbered}号`, title: `关于任务测试第${numbered}件的建议`, regionId, submittedOn: '2026-01-02' },
    }),
  ).createSuggestion;
  const reviewed = ok(
    await env.server.gql(`mutation ($id: ID!, $version: Int!) { reviewSuggestion(id: $id, version: $version, input: { decision: ACCEPT, reviewedOn: "2026-01-03" }) { version } }`, made),
  ).reviewSuggestion;
  const assignment = ok(
    await env.server.gql(`mutation ($id: ID!, $version: Int!, $input: SuggestionAssignInput!) { assignSuggestion(id: $id, version: $version, input: $input) { handlings { nodes { id } } } }`, {
      id: made.id,
      version: reviewed.version,
      input: { lead: { organisationId, dueOn }, coHandlers: [], assignedOn: '2026-01-05' },
    }),
  ).assignSuggestion;
  return { suggestion: made.id as string, handling: assignment.handlings.nodes[0].id as string };
}

const handlingVersion = async (id: string) => ok(await users.leadHandler(`{ suggestionHandling(id: "${id}") { version } }`)).suggestionHandling.version as number;
const suggestionVersion = async (id: string) => ok(await env.server.gql(`{ suggestion(id: "${id}") { version } }`)).suggestion.version as number;

async function start(handling: string) {
  ok(
    await users.leadHandler(`mutation ($id: ID!, $version: Int!) { startSuggestionHandling(id: $id, version: $version, input: { startedOn: "2026-01-10" }) { id } }`, {
      id: handling,
      version: await handlingVersion(handling),
    }),
  );
}

async function answer(handling: string) {
  ok(
    await users.leadHandler(
      `mutation ($id: ID!, $version: Int!) { answerSuggestionHandling(id: $id, version: $version, input: { answer: "已研究办理。", answerCategory: SOLVED, answeredOn: "2026-01-20" }) { id } }`,
      { id: handling, version: await handlingVersion(handling) },
    ),
  );
}

beforeAll(async () => {
  const create = recordCreator(env.server);
  countyA = await create(modelOf(Region), 1);
  countyB = await create(modelOf(Region), 2);
  // The test server's handler of a county works for its first organisation: `lead` in A, `other` in B.
  const lead = await create(modelOf(Organisation), 1);
  const other = await create(modelOf(Organisation), 2);
  const co = ok(await env.server.gql(`mutation { createOrganisation(input: { name: "任务测试县水务局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`)).createOrganisation.id;
  users.clerkA = await env.server.as('CLERK', '990011');
  users.clerkB = await env.server.as('CLERK', '990021');
  users.leadHandler = await env.server.as('HANDLER', '990011');
  users.otherHandler = await env.server.as('HANDLER', '990021');

  cases.fresh = await assigned(countyA, lead, addDays(day, 30));
  cases.soon = await assigned(countyA, lead, addDays(day, 5));
  await start(cases.soon.handling);
  cases.late = await assigned(countyA, lead, addDays(day, -3));
  await start(cases.late.handling);
  cases.reopened = await assigned(countyA, lead, addDays(day, -40));
  await start(cases.reopened.handling);
  await answer(cases.reopened.handling);
  ok(
    await env.server.gql(`mutation ($id: ID!, $version: Int!, $input: SuggestionRecordFeedbackInput!) { recordSuggestionFeedback(id: $id, version: $version, input: $input) { status reopened } }`, {
      id: cases.reopened.suggestion,
      version: await suggestionVersion(cases.reopened.suggestion),
      input: { feedbackOn: '2026-01-25', satisfactions: [{ handlingId: cases.reopened.handling, satisfaction: 'DISSATISFIED' }] },
    }),
  );
  cases.refused = await assigned(countyA, lead, addDays(day, 60));
  await start(cases.refused.handling);
  ok(
    await users.leadHandler(`mutation ($id: ID!, $version: Int!) { requestSuggestionHandlingReassignment(id: $id, version: $version, input: { reason: "不属本单位职责" }) { id } }`, {
      id: cases.refused.handling,
      version: await handlingVersion(cases.refused.handling),
    }),
  );
  ok(
    await env.server.gql(`mutation ($id: ID!, $version: Int!) { decideSuggestionHandlingReassignment(id: $id, version: $version, input: { accept: false }) { reassignmentStatus } }`, {
      id: cases.refused.handling,
      version: await handlingVersion(cases.refused.handling),
    }),
  );
  cases.answered = await assigned(countyA, lead, addDays(day, -10));
  await start(cases.answered.handling);
  await answer(cases.answered.handling);
  cases.coLate = await assigned(countyA, co, addDays(day, -20));
  cases.otherLate = await assigned(countyB, other, addDays(day, -5));
}, 120_000);

type Seen = { totalCount: number; nodes: { id: string }[] };
/** The handlings `who` finds with `where`, as ids sorted, after checking the count says the same. */
async function seen(who: Gql, where: Record<string, unknown>): Promise<string[]> {
  const { suggestionHandlings } = ok<{ suggestionHandlings: Seen }>(
    await who(`query ($where: SuggestionHandlingFilter) { suggestionHandlings(where: $where, limit: 100) { totalCount nodes { id } } }`, { where }),
  );
  expect(suggestionHandlings.totalCount).toBe(suggestionHandlings.nodes.length);
  return suggestionHandlings.nodes.map((node) => node.id).sort();
}
const ids = (...names: (keyof typeof cases)[]) => names.map((name) => cases[name].handling).sort();
const groups = async (who: Gql) => Object.fromEntries(await Promise.all(handlingTaskGroups.map(async (group) => [group, await seen(who, handlingTaskWhere(group, day))])));

describe('a handler’s home: four groups of tasks, their unit’s only', () => {
  it('gives the lead unit’s staff exactly their cases in each group, and no other unit’s', async () => {
    const expected: Record<HandlingTaskGroup, string[]> = {
      assigned: ids('fresh'),
      dueSoon: ids('soon'),
      overdue: ids('late'),
      returned: ids('reopened', 'refused'),
    };
    expect(await groups(users.leadHandler)).toEqual(expected);
  });

  it('gives another county’s unit its own overdue case and nothing of county A', async () => {
    expect(await groups(users.otherHandler)).toEqual({ assigned: ids('otherLate'), dueSoon: [], overdue: ids('otherLate'), returned: [] });
  });

  it('gives a clerk every unit of their region, and not another region’s', async () => {
    const clerkA = await groups(users.clerkA);
    expect(clerkA.overdue).toEqual(ids('late', 'coLate'));
    expect(clerkA.assigned).toEqual(ids('fresh', 'coLate'));
    expect((await groups(users.clerkB)).overdue).toEqual(ids('otherLate'));
  });

  it('counts due soon and overdue together for the badge, within each user’s reach', async () => {
    expect(await seen(users.leadHandler, deadlineBadgeWhere(day))).toEqual(ids('soon', 'late'));
    expect(await seen(users.otherHandler, deadlineBadgeWhere(day))).toEqual(ids('otherLate'));
    expect(await seen(users.clerkA, deadlineBadgeWhere(day))).toEqual(ids('soon', 'late', 'coLate'));
    expect(await seen(users.clerkB, deadlineBadgeWhere(day))).toEqual(ids('otherLate'));
    // A week on, the fresh case is due within seven days as well; the answered one never counts.
    expect(await seen(users.leadHandler, deadlineBadgeWhere(addDays(day, 23)))).toEqual(ids('fresh', 'soon', 'late'));
  });
});

describe('the secretariat board: suggestions counted by state on the server', () => {
  // The console's own query (admin/src/board/boardQuery.ts), counted as the lists read: a clerk's statistics
  // span every region, but the board shows the records it counts.
  const board = async (who: Gql, scope: BoardScope) => ok<BoardAnswer>(await who(boardQuery(modelOf(Suggestion)), { scope: boardWhere(scope) }));
  const byState = async (who: Gql, scope: BoardScope) =>
    Object.fromEntries(
      boardColumns(await board(who, scope))
        .filter((column) => column.count !== 0)
        .map((column) => [column.state, column.count]),
    );
  const codeOf = async (id: string) => ok(await env.server.gql(`{ region(id: "${id}") { code } }`)).region.code as string;

  it('counts a clerk’s region only, by state', async () => {
    expect(await byState(users.clerkA, { year: 2026 })).toEqual({ ASSIGNED: 2, IN_PROGRESS: 4, ANSWERED: 1 });
    expect(await byState(users.clerkB, { year: 2026 })).toEqual({ ASSIGNED: 1 });
  });

  it('narrows to a year and to a region within the reach', async () => {
    expect(await byState(users.clerkA, { year: 2025 })).toEqual({});
    expect(await byState(env.server.gql, { year: 2026, regionCode: await codeOf(countyB) })).toEqual({ ASSIGNED: 1 });
    expect(await byState(env.server.gql, { year: 2026, regionCode: await codeOf(countyA) })).toEqual({ ASSIGNED: 2, IN_PROGRESS: 4, ANSWERED: 1 });
    // Another region asked of a clerk is no wider than their own: nothing.
    expect(await byState(users.clerkA, { regionCode: await codeOf(countyB) })).toEqual({});
  });

  it('lists the key-supervised cases with their leader, lead unit and days overdue', async () => {
    const supervise = async (name: keyof typeof cases, leader: string) =>
      ok(
        await env.server.gql(`mutation ($id: ID!, $version: Int!) { superviseSuggestion(id: $id, version: $version, input: { keySupervised: true, leader: "${leader}" }) { keySupervised } }`, {
          id: cases[name].suggestion,
          version: await suggestionVersion(cases[name].suggestion),
        }),
      );
    await supervise('late', '李主任');
    await supervise('otherLate', '王副主任');
    const rows = (who: BoardAnswer) => supervisionRows(who, day).map((row) => [row.id, row.leader, row.state, row.dueOn, row.daysOverdue]);
    expect(rows(await board(users.clerkA, {}))).toEqual([[cases.late.suggestion, '李主任', 'IN_PROGRESS', addDays(day, -3), 3]]);
    expect(rows(await board(users.clerkB, {}))).toEqual([[cases.otherLate.suggestion, '王副主任', 'ASSIGNED', addDays(day, -5), 5]]);
    expect((await board(env.server.gql, { year: 2026, regionCode: await codeOf(countyA) })).supervised.totalCount).toBe(1);
    expect((await board(env.server.gql, { year: 2025, regionCode: await codeOf(countyA) })).supervised.totalCount).toBe(0);
  });
});

describe('the handler home’s own query', () => {
  it('answers the console’s query with the unit’s groups, counted by the server', async () => {
    const answer = ok<HandlerTasksAnswer>(await users.leadHandler(handlerTasksQuery(modelOf(SuggestionHandling)), handlerTasksVariables(day)));
    const groups = taskGroups(answer, day);
    expect(groups.map((group) => [group.group, group.count])).toEqual([
      ['assigned', 1],
      ['dueSoon', 1],
      ['overdue', 1],
      ['returned', 2],
    ]);
    expect(groups[2].rows.map((row) => [row.suggestionId, row.standing])).toEqual([[cases.late.suggestion, { kind: 'overdue', days: 3 }]]);
    const badge = ok<Record<string, { totalCount: number }>>(await users.otherHandler(deadlineBadgeQuery(modelOf(SuggestionHandling)), deadlineBadgeVariables(day)));
    expect(Object.values(badge)[0].totalCount).toBe(1);
  });
});
