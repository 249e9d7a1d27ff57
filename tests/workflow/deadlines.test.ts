/**
 * The daily deadline scan (server/jobs/deadline-scan.ts) on a real database with a fixed clock: a handling due
 * in 8 days gets nothing, in 7 days (or today) a DUE_SOON notice, past its due date an OVERDUE one, an answered
 * one nothing; two processes scanning the same day at once write each notice once; a later day adds only what
 * is new, and a reopened handling's new due date is noticed anew. Then who sees the notices through the generic
 * API: a handling unit's staff their unit's, a clerk their region's; an answered handling is no longer open.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { scanDeadlines, type DeadlineScanResult } from '../../server/jobs/deadline-scan.js';
import { startDeadlineScans } from '../../server/jobs/deadline-schedule.js';
import { hourInChina, todayInChina } from '../../schema/shared/validators.js';
import { handlingTaskWhere } from '../../schema/shared/handling-tasks.js';
import { addDays, recordCreator, type CreateRecord } from '../support/samples.js';
import { actAsTest } from '../support/test-cluster.js';
import { testPassword, useTestServer, type Gql } from '../support/test-server.js';

let env: ReturnType<typeof useTestServer>;

/** The day of the scan: 10:00 in China on 1 March 2026 (02:00 UTC). */
const day = '2026-03-01';
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const assignedOn = '2026-01-05';

let create: CreateRecord;
let countyA: string;
const units = {} as { lead: string; co: string; other: string };
/** The handling of each case, by what its due date is relative to the day. */
const handlings = {} as Record<'in8' | 'in7' | 'today' | 'past' | 'answered' | 'coPast' | 'otherPast', string>;
const users = {} as Record<'clerkA' | 'clerkB' | 'leadHandler' | 'otherHandler', Gql>;

let numbered = 0;
/** A suggestion of `regionId` accepted and assigned on `assignedOn` to `organisationId`, due on `dueOn`; its handling's id. */
async function assigned(regionId: string, organisationId: string, dueOn: string): Promise<string> {
  numbered += 1;
  const made = await env.server.gql(`mutation ($input: SuggestionCreateInput!) { createSuggestion(input: $input) { id version } }`, {
    input: { number: `期限${numbered}号`, title: `关于期限测试第${numbered}件的建议`, regionId, submittedOn: '2026-01-02' },
  });
  expect(made.errors).toBeUndefined();
  const { id, version } = made.data.createSuggestion;
  const reviewed = await env.server.gql(`mutation ($id: ID!, $version: Int!) { reviewSuggestion(id: $id, version: $version, input: { decision: ACCEPT, reviewedOn: "2026-01-03" }) { version } }`, {
    id,
    version,
  });
  expect(reviewed.errors).toBeUndefined();
  const assignment = await env.server.gql(
    `mutation ($id: ID!, $version: Int!, $input: SuggestionAssignInput!) { assignSuggestion(id: $id, version: $version, input: $input) { handlings { nodes { id dueOn } } } }`,
    { id, version: reviewed.data.reviewSuggestion.version, input: { lead: { organisationId, dueOn }, coHandlers: [], assignedOn } },
  );
  expect(assignment.errors).toBeUndefined();
  const [handling] = assignment.data.assignSuggestion.handlings.nodes;
  expect(handling.dueOn).toBe(dueOn);
  return handling.id;
}

/** Starts and answers a handling as its unit's staff (the lead unit's handler). */
async function answer(handlingId: string): Promise<void> {
  const read = async () => (await users.leadHandler(`{ suggestionHandling(id: "${handlingId}") { version } }`)).data.suggestionHandling.version as number;
  const started = await users.leadHandler(`mutation ($id: ID!, $version: Int!) { startSuggestionHandling(id: $id, version: $version, input: { startedOn: "2026-01-10" }) { id } }`, {
    id: handlingId,
    version: await read(),
  });
  expect(started.errors).toBeUndefined();
  const answered = await users.leadHandler(
    `mutation ($id: ID!, $version: Int!) { answerSuggestionHandling(id: $id, version: $version, input: { answer: "已研究办理。", answerCategory: SOLVED, answeredOn: "2026-01-20" }) { id } }`,
    { id: handlingId, version: await read() },
  );
  expect(answered.errors).toBeUndefined();
}

/** Runs `work` on an owner connection of its own, as another server process would. */
async function asProcess<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env.database.ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const scan = (date: string): Promise<DeadlineScanResult> => asProcess((client) => scanDeadlines(client, at(date)));

/** The notices as stored: `handling kind due` lines, sorted. */
async function stored(): Promise<string[]> {
  const { rows } = await asProcess((client) => client.query<{ line: string }>(`select concat_ws(' ', handling_id, kind, due_on::text) as line from deadline_notice order by 1`));
  return rows.map((row) => row.line);
}
const notice = (handling: string, kind: 'DUE_SOON' | 'OVERDUE', dueOn: string) => `${handling} ${kind} ${dueOn}`;

/** A server on a database of its own, with the cases above assigned (each describe its own: none leans on another's scans). */
function withCases(): void {
  const own = useTestServer();
  beforeAll(async () => {
    env = own;
    await makeCases();
  }, 120_000);
}

async function makeCases(): Promise<void> {
  create = recordCreator(env.server);
  countyA = await create(modelOf(Region), 1);
  const countyB = await create(modelOf(Region), 2);
  // The test server's handler of a county works for its first organisation: units.lead in A, units.other in B.
  units.lead = await create(modelOf(Organisation), 1);
  units.other = await create(modelOf(Organisation), 2);
  const co = await env.server.gql(`mutation { createOrganisation(input: { name: "期限测试县水务局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`);
  units.co = co.data.createOrganisation.id;
  users.clerkA = await env.server.as('CLERK', '990011');
  users.clerkB = await env.server.as('CLERK', '990021');
  users.leadHandler = await env.server.as('HANDLER', '990011');
  users.otherHandler = await env.server.as('HANDLER', '990021');
  handlings.in8 = await assigned(countyA, units.lead, addDays(day, 8));
  handlings.in7 = await assigned(countyA, units.lead, addDays(day, 7));
  handlings.today = await assigned(countyA, units.lead, day);
  handlings.past = await assigned(countyA, units.lead, addDays(day, -1));
  handlings.answered = await assigned(countyA, units.lead, addDays(day, -10));
  await answer(handlings.answered);
  handlings.coPast = await assigned(countyA, units.co, addDays(day, -20));
  handlings.otherPast = await assigned(countyB, units.other, addDays(day, -5));
}

describe('the deadline scan with a fixed clock', () => {
  withCases();
  it('takes the day in China, whatever the server’s zone', () => {
    expect(hourInChina(new Date('2026-03-01T17:00:00Z'))).toBe(1);
    expect(hourInChina(at(day))).toBe(10);
  });

  it('is scheduled in the server process: scans the day once its hour has come in China, not before', async () => {
    const scanned = async (date: string) => (await asProcess((client) => client.query(`select count(*)::int as n from deadline_scan where day = $1::date`, [date]))).rows[0].n as number;
    const reports: string[] = [];
    // 00:30 on 2 April in China: before the hour.
    const early = startDeadlineScans(
      env.database.ownerUrl,
      { hour: 1, checkMinutes: 60 },
      (message) => reports.push(message),
      () => new Date('2026-04-01T16:30:00Z'),
    );
    await early();
    expect(await scanned('2026-04-02')).toBe(0);
    // 01:30: the day is scanned, and said so.
    const due = startDeadlineScans(
      env.database.ownerUrl,
      { hour: 1, checkMinutes: 60 },
      (message) => reports.push(message),
      () => new Date('2026-04-01T17:30:00Z'),
    );
    await due();
    expect(await scanned('2026-04-02')).toBe(1);
    expect(reports).toEqual([expect.stringMatching(/^deadline scan of 2026-04-02: \d+ due soon, \d+ overdue$/)]);
    // Clear the day away again: the tests below scan their own days from a clean slate of notices.
    await asProcess(async (client) => {
      await actAsTest(client);
      await client.query(`delete from deadline_notice`);
      await client.query(`delete from deadline_scan`);
    });
  });

  it('notices due within 7 days and overdue, not due in 8 days nor answered; two processes at once write each notice once', async () => {
    const audited = async () =>
      (await asProcess((client) => client.query(`select count(*)::int as n from audit_entry where entity = 'DeadlineNotice' and actor_name = 'system:deadline-scan'`))).rows[0].n as number;
    const auditedBefore = await audited();
    const results = await Promise.all([scan(day), scan(day)]);
    expect(results.map((result) => result.scanned).sort()).toEqual([false, true]);
    const ran = results.find((result) => result.scanned)!;
    expect(ran).toMatchObject({ day, dueSoon: 2, overdue: 3 });
    expect(await stored()).toEqual(
      [
        notice(handlings.in7, 'DUE_SOON', addDays(day, 7)),
        notice(handlings.today, 'DUE_SOON', day),
        notice(handlings.past, 'OVERDUE', addDays(day, -1)),
        notice(handlings.coPast, 'OVERDUE', addDays(day, -20)),
        notice(handlings.otherPast, 'OVERDUE', addDays(day, -5)),
      ].sort(),
    );
    // The same day again, later: already scanned.
    expect((await scan(day)).scanned).toBe(false);
    // Each notice is audited under the scan's system actor.
    expect((await audited()) - auditedBefore).toBe(5);
  });

  it('adds only what is new on a later day: a handling newly due soon, one newly overdue, never one already noticed', async () => {
    const before = await stored();
    const next = addDays(day, 1);
    expect(await scan(next)).toMatchObject({ scanned: true, dueSoon: 1, overdue: 1 });
    expect(await stored()).toEqual([...before, notice(handlings.in8, 'DUE_SOON', addDays(day, 8)), notice(handlings.today, 'OVERDUE', day)].sort());
  });

  it('notices a reopened handling’s new due date anew', async () => {
    // What reopening does to a handling (server/workflow): the answer cleared, a new due date.
    const renewed = addDays(day, 30);
    await asProcess(async (client) => {
      await actAsTest(client);
      await client.query(`update suggestion_handling set due_on = $2 where id = $1`, [handlings.past, renewed]);
    });
    expect(await scan(addDays(renewed, -3))).toMatchObject({ scanned: true, dueSoon: 1 });
    expect(await scan(addDays(renewed, 1))).toMatchObject({ scanned: true });
    const lines = (await stored()).filter((line) => line.startsWith(`${handlings.past} `));
    expect(lines).toEqual([notice(handlings.past, 'DUE_SOON', renewed), notice(handlings.past, 'OVERDUE', addDays(day, -1)), notice(handlings.past, 'OVERDUE', renewed)]);
    // Only the newest stays open: the old due date's notice closed when the date changed, the due-soon one when overdue.
    const { rows } = await asProcess((client) => client.query(`select kind, due_on::text as due, closed_on::text as closed from deadline_notice where handling_id = $1 order by id`, [handlings.past]));
    expect(rows).toEqual([
      { kind: 'OVERDUE', due: addDays(day, -1), closed: addDays(renewed, -3) },
      { kind: 'DUE_SOON', due: renewed, closed: addDays(renewed, 1) },
      { kind: 'OVERDUE', due: renewed, closed: null },
    ]);
  });
});

describe('who sees the notices (the generic API, the handling’s reach)', () => {
  withCases();
  beforeAll(async () => {
    await scan(day);
    await scan(addDays(day, 1));
  });
  // What a home page and its badge ask: the open notices of handlings not answered, and their counts by kind.
  const openNotices = `{ closedOn: { isNull: true }, handling: { answeredOn: { isNull: true } } }`;
  const open = `{ deadlineNotices(where: ${openNotices}, limit: 100) { totalCount nodes { kind dueOn handling { id } } }
    deadlineNoticesAggregate(where: ${openNotices}, groupBy: [{ field: kind }]) { key { value } count } }`;
  const handlingsSeen = async (as: Gql) => {
    const answer = await as(open);
    expect(answer.errors).toBeUndefined();
    return [...new Set(answer.data.deadlineNotices.nodes.map((node: { handling: { id: string } }) => node.handling.id) as string[])].sort();
  };

  it('a handling unit’s staff see their unit’s notices only', async () => {
    expect(await handlingsSeen(users.leadHandler)).toEqual([handlings.in8, handlings.in7, handlings.today, handlings.past].sort());
    expect(await handlingsSeen(users.otherHandler)).toEqual([handlings.otherPast]);
  });

  it('a clerk sees their region’s, every unit’s', async () => {
    expect(await handlingsSeen(users.clerkA)).toEqual([handlings.in8, handlings.in7, handlings.today, handlings.past, handlings.coPast].sort());
    expect(await handlingsSeen(users.clerkB)).toEqual([handlings.otherPast]);
  });

  it('counts due soon and overdue for the badge, and an answered handling is no longer open', async () => {
    const counts = async () => {
      const answer = await users.leadHandler(open);
      return Object.fromEntries(answer.data.deadlineNoticesAggregate.map((group: { key: { value: string }[]; count: number }) => [group.key[0].value, group.count]));
    };
    // in8 and in7 due soon; today (its due-soon notice closed) and past overdue.
    expect(await counts()).toEqual({ DUE_SOON: 2, OVERDUE: 2 });
    expect((await users.clerkA(open)).data.deadlineNotices.totalCount).toBe(5); // and the co-handling unit's overdue one
    await answer(handlings.in7);
    expect(await counts()).toEqual({ DUE_SOON: 1, OVERDUE: 2 });
    expect(await handlingsSeen(users.leadHandler)).not.toContain(handlings.in7);
    // The next scan closes its notice.
    await scan(addDays(day, 2));
    const closed = await users.leadHandler(`{ deadlineNotices(where: { handling: { id: { eq: "${handlings.in7}" } } }) { nodes { kind closedOn } } }`);
    expect(closed.data.deadlineNotices.nodes).toEqual([{ kind: 'DUE_SOON', closedOn: addDays(day, 2) }]);
  });
});

describe('the metric facts of late handlings (daysOverdue grows with the calendar, not with a write)', () => {
  withCases();
  /** The regions marked stale, after clearing the marks and scanning `date`. */
  const markedBy = async (date: string) => {
    await asProcess(async (client) => {
      await actAsTest(client);
      await client.query(`delete from metric_dirty`);
    });
    await scan(date);
    const { rows } = await asProcess((client) => client.query<{ id: string }>(`select distinct region_id::text as id from metric_dirty where region_id is not null order by 1`));
    return rows.map((row) => row.id);
  };

  it('marks the regions of handlings late on the scanned day, even when it writes no notice', async () => {
    const countyB = (await users.clerkB(`{ regions(where: { code: { eq: "990021" } }) { nodes { id } } }`)).data.regions.nodes[0].id as string;
    // 60 days before: nothing is late yet, and nothing is due within 7 days.
    expect(await markedBy(addDays(day, -60))).toEqual([]);
    // The day: past (A), coPast (A) and otherPast (B) are late; the answered one is not.
    expect(await markedBy(day)).toEqual([countyA, countyB].sort());
    // The next day writes a notice for `today` only (county A), yet county B's days overdue grew too.
    expect(await markedBy(addDays(day, 1))).toEqual([countyA, countyB].sort());
  });
});

describe('one rule of what a unit owes: the handler home, the deadline scan and the overdue metric agree', () => {
  withCases();
  /** A case assigned to the lead unit and the co-handling unit, both due `dueOn`; its two handlings. */
  async function coHandled(dueOn: string): Promise<{ suggestion: string; lead: string; co: string }> {
    const lead = await assigned(countyA, units.lead, dueOn);
    const { data } = await env.server.gql(`{ suggestionHandling(id: "${lead}") { suggestion { id } } }`);
    const suggestion = data.suggestionHandling.suggestion.id as string;
    const co = await env.server.gql(`mutation { createSuggestionHandling(input: { suggestionId: "${suggestion}", organisationId: "${units.co}", role: CO_HANDLER }) { id } }`);
    expect(co.errors).toBeUndefined();
    // Assigned and due like the lead's: the generic API may not write those dates, the owner may.
    await asProcess(async (client) => {
      await actAsTest(client);
      await client.query(`update suggestion_handling set assigned_on = $2, due_on = $3 where id = $1`, [co.data.createSuggestionHandling.id, assignedOn, dueOn]);
    });
    return { suggestion, lead, co: co.data.createSuggestionHandling.id };
  }
  const versionOf = async (model: 'suggestion' | 'suggestionHandling', id: string) => (await env.server.gql(`{ ${model}(id: "${id}") { version } }`)).data[model].version as number;

  it('owes a co-handler’s answer after the lead’s answer until its opinion or the case’s end, and nothing else', async () => {
    const coUser = await env.server.gql(`mutation ($input: UserCreateInput!, $password: String!) { createUser(input: $input, password: $password) { id } }`, {
      input: { username: 'deadline_co', displayName: 'deadline_co', role: 'HANDLER', organisationId: units.co },
      password: testPassword,
    });
    expect(coUser.errors).toBeUndefined();
    const { cookie } = await env.server.signIn('deadline_co', testPassword);
    const co: Gql = async (query, variables) => {
      const response = await fetch(`${env.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie! }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as never;
    };
    const due = addDays(day, -15);
    // The lead answered: the co-handler still owes its opinion.
    const owesAfterLead = await coHandled(due);
    await answer(owesAfterLead.lead);
    // The co-handler gave its opinion (late): nothing owed.
    const opinionGiven = await coHandled(due);
    await answer(opinionGiven.lead);
    const given = await co(`mutation ($id: ID!, $version: Int!) { submitSuggestionHandlingOpinion(id: $id, version: $version, input: { answer: "同意", answeredOn: "2026-02-20" }) { id } }`, {
      id: opinionGiven.co,
      version: await versionOf('suggestionHandling', opinionGiven.co),
    });
    expect(given.errors).toBeUndefined();
    // The case ended (feedback, then closed) without the co-handler's opinion: nothing owed.
    const closed = await coHandled(due);
    await answer(closed.lead);
    const fed = await env.server.gql(`mutation ($id: ID!, $version: Int!, $input: SuggestionRecordFeedbackInput!) { recordSuggestionFeedback(id: $id, version: $version, input: $input) { status } }`, {
      id: closed.suggestion,
      version: await versionOf('suggestion', closed.suggestion),
      input: { feedbackOn: '2026-01-25', satisfactions: [closed.lead, closed.co].map((handlingId) => ({ handlingId, satisfaction: 'SATISFIED' })) },
    });
    expect(fed.data.recordSuggestionFeedback.status).toBe('FEEDBACK');
    const ended = await env.server.gql(`mutation ($id: ID!, $version: Int!) { closeSuggestion(id: $id, version: $version, input: { closedOn: "2026-01-26" }) { status } }`, {
      id: closed.suggestion,
      version: await versionOf('suggestion', closed.suggestion),
    });
    expect(ended.data.closeSuggestion.status).toBe('CLOSED');

    // What each of the three finds owed and late today (the metric counts late handlings as of today).
    const today = todayInChina();
    const owedLate = [handlings.in8, handlings.in7, handlings.today, handlings.past, handlings.coPast, owesAfterLead.co].sort();
    const home = await env.server.gql(`query ($where: SuggestionHandlingFilter) { suggestionHandlings(where: $where, limit: 100) { nodes { id suggestion { region { id } } } } }`, {
      where: handlingTaskWhere('overdue', today),
    });
    const ofCountyA = home.data.suggestionHandlings.nodes.filter((node: any) => node.suggestion.region.id === countyA).map((node: any) => node.id);
    expect(ofCountyA.sort()).toEqual(owedLate);
    await scan(today);
    const overdueNotices = (await stored()).filter((line) => line.includes(' OVERDUE ')).map((line) => line.split(' ')[0]);
    expect(overdueNotices.sort()).toEqual([...owedLate, handlings.otherPast].sort());
    // The sample county ends a month after it begins (samples.ts dates a range's ends a month apart): valid again, so
    // this year's comparison lists it.
    await asProcess(async (client) => {
      await actAsTest(client);
      await client.query(`update region set valid_to = null where id = $1`, [countyA]);
    });
    const metric = async () =>
      (
        await env.server.gql(`query ($ids: [ID!], $year: Int!) { compareRegions(metrics: ["overdue"], level: COUNTY, regionIds: $ids, years: [$year]) { rows { values } } }`, {
          ids: [countyA],
          year: Number(today.slice(0, 4)),
        })
      ).data.compareRegions.rows[0].values[0];
    await expect.poll(metric, { timeout: 10_000 }).toBe(owedLate.length);
  });
});
