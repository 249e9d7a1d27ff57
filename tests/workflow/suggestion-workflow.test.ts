/**
 * The suggestion workflow (schema/shared/suggestion-workflow.ts) on a real server: every transition × every
 * state × every kind of user, the expected outcome computed from the declared table (reach, then role, then
 * unit, then state), so a combination nobody listed holds too; each refusal changes nothing. Then the facts
 * each transition needs, in both languages; the story of a case (reopened once, closed dissatisfied the
 * second time) and its history; the generic API refusing the workflow's fields; handlers created by the
 * administrator of their unit's region, and a handler's reach.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { SuggestionStatus, type UserRole } from '../../schema/shared/enums.js';
import { inflection } from '../../schema/shared/inflection.js';
import { addMonths, mayFire, suggestionWorkflow, workflowParties, type WorkflowTransition } from '../../schema/shared/suggestion-workflow.js';
import { todayInChina } from '../../schema/shared/validators.js';
import { recordCreator, type CreateRecord } from '../support/samples.js';
import { testPassword, useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer();
type Answer = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };

/** The users: the secretariat of county A (and one of county B), readers, and three units' staff. */
type Actor = 'superAdmin' | 'clerkA' | 'clerkB' | 'leader' | 'analyst' | 'leadHandler' | 'coHandler' | 'otherHandler';
const roleOf: Record<Actor, UserRole> = {
  superAdmin: 'ADMIN',
  clerkA: 'CLERK',
  clerkB: 'CLERK',
  leader: 'LEADER',
  analyst: 'ANALYST',
  leadHandler: 'HANDLER',
  coHandler: 'HANDLER',
  otherHandler: 'HANDLER',
};
const actors = Object.keys(roleOf) as Actor[];
const users = {} as Record<Actor, Gql>;
let create: CreateRecord;
let countyA: string;
/** Units of county A: the lead handler's (its first organisation) and the co-handler's; and one of county B. */
const units = {} as { lead: string; co: string; other: string };

const code = (answer: Answer) => answer.errors?.[0]?.extensions.code ?? 'ok';

/** A client signed in with a session cookie (users made through the API rather than by the test server). */
async function signedIn(username: string): Promise<Gql> {
  const { cookie } = await env.server.signIn(username, testPassword);
  if (!cookie) throw new Error(`${username} could not sign in`);
  return async (query, variables, headers) => {
    const response = await fetch(`${env.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

async function createHandler(as: Gql, username: string, organisationId: string | null): Promise<Answer> {
  return as(`mutation ($input: UserCreateInput!, $password: String!) { createUser(input: $input, password: $password) { id role organisation { id } region { code } } }`, {
    input: { username, displayName: username, role: 'HANDLER', organisationId },
    password: testPassword,
  });
}

let numbered = 0;
async function newSuggestion(): Promise<string> {
  numbered += 1;
  const { data, errors } = await env.server.gql(`mutation ($input: SuggestionCreateInput!) { createSuggestion(input: $input) { id status } }`, {
    input: { number: `流程${numbered}号`, title: `关于流程测试第${numbered}件的建议`, regionId: countyA, submittedOn: '2024-03-01' },
  });
  if (errors) throw new Error(JSON.stringify(errors));
  expect(data.createSuggestion.status).toBe('SUBMITTED');
  return data.createSuggestion.id;
}

type Case = { id: string; version: number; status: SuggestionStatus; handlings: { id: string; version: number; organisationId: string; role: string }[] };

async function read(id: string): Promise<Case> {
  const { data } = await env.server.gql(`{ suggestion(id: "${id}") { id version status handlings { nodes { id version role organisation { id } } } } }`);
  const s = data.suggestion;
  return { id: s.id, version: s.version, status: s.status, handlings: s.handlings.nodes.map((h: any) => ({ id: h.id, version: h.version, role: h.role, organisationId: h.organisation.id })) };
}

const mutation = (transition: WorkflowTransition) => inflection.workflowMutation(transition);
const inputType = (transition: WorkflowTransition) => inflection.workflowInput(transition);

/** Fires a transition as a user on a record (the suggestion, or a handling) with the version read. */
function fireAs(gql: Gql, transition: WorkflowTransition, id: string, version: number, input: unknown, headers?: Record<string, string>): Promise<Answer> {
  const optional = transition.name === 'start' || transition.name === 'close';
  return gql(
    `mutation ($id: ID!, $version: Int!, $input: ${inputType(transition)}${optional ? '' : '!'}) { r: ${mutation(transition)}(id: $id, version: $version, input: $input) { id version } }`,
    { id, version, input },
    headers,
  );
}

const byName = (name: WorkflowTransition['name']) => suggestionWorkflow.find((transition) => transition.name === name)!;

/** Valid facts for each transition, given the case as it stands. */
function validInput(transition: WorkflowTransition, current: Case): unknown {
  switch (transition.name) {
    case 'review':
      return { decision: 'ACCEPT' };
    case 'assign':
      return { lead: { organisationId: units.lead }, coHandlers: [{ organisationId: units.co }] };
    case 'start':
    case 'close':
      return null;
    case 'answer':
      return { answer: '经研究，已列入明年计划。', answerCategory: 'PLANNED' };
    case 'feedback':
      return { satisfactions: current.handlings.map((handling) => ({ handlingId: handling.id, satisfaction: 'SATISFIED' })) };
    case 'requestReassignment':
      return { reason: '不属于本单位职责' };
    case 'decideReassignment':
      return { accept: false, note: '仍由原单位办理' };
    case 'opinion':
      return { answer: '本单位同意主办单位的办理意见，将配合落实。' };
    case 'supervise':
      return { keySupervised: true, leader: '常委会副主任' };
  }
}

/** Fires a transition as the party it is for (the super administrator, or the lead unit's staff) and requires it to pass. */
async function step(name: WorkflowTransition['name'], id: string, input?: unknown): Promise<Case> {
  const transition = byName(name);
  const current = await read(id);
  const lead = current.handlings.find((handling) => handling.role === 'LEAD');
  const [gql, target] = transition.by === 'secretariat' ? [env.server.gql, current] : [users.leadHandler, lead!];
  const answer = await fireAs(gql, transition, target.id, target.version, input === undefined ? validInput(transition, current) : input);
  expect(answer.errors, `${name} on ${current.status}`).toBeUndefined();
  return read(id);
}

/** A new case brought to `state` along the workflow. */
async function caseIn(state: SuggestionStatus): Promise<Case> {
  const id = await newSuggestion();
  if (state === 'SUBMITTED') return read(id);
  if (state === 'REJECTED') return step('review', id, { decision: 'REJECT', reason: '属于信访事项' });
  if (state === 'MERGED') return step('review', id, { decision: 'MERGE', mergedIntoId: await newSuggestion() });
  const path: WorkflowTransition['name'][] = ['review', 'assign', 'start', 'answer', 'feedback', 'close'];
  const order: SuggestionStatus[] = ['REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED'];
  let current = await read(id);
  for (const name of path.slice(0, order.indexOf(state) + 1)) current = await step(name, id);
  expect(current.status).toBe(state);
  return current;
}

/**
 * The expected outcome, from the table: a record out of the user's reach is absent; then the role; then the
 * unit (a co-handler where the lead acts, the lead where a co-handler does); then the state.
 */
function expected(transition: WorkflowTransition, state: SuggestionStatus, actor: Actor, handled: boolean): { code: string; workflow?: string } {
  const reads = actor === 'clerkB' || actor === 'otherHandler' ? false : roleOf[actor] === 'HANDLER' ? handled : true;
  if (!reads) return { code: 'NOT_FOUND' };
  if (!mayFire(roleOf[actor], transition)) return { code: 'FORBIDDEN', workflow: 'WRONG_ROLE' };
  if (workflowParties[transition.by].handling === 'LEAD' && actor === 'coHandler') return { code: 'FORBIDDEN', workflow: 'WRONG_ORGANISATION' };
  if (workflowParties[transition.by].handling === 'CO_HANDLER' && actor === 'leadHandler') return { code: 'FORBIDDEN', workflow: 'WRONG_ORGANISATION' };
  if (!transition.from.includes(state)) return { code: 'BAD_USER_INPUT', workflow: 'WRONG_STATE' };
  return { code: 'ok' };
}

beforeAll(async () => {
  create = recordCreator(env.server);
  countyA = await create(modelOf(Region), 1);
  // County B, whose clerk and whose first unit's staff are outsiders to county A's cases.
  await create(modelOf(Region), 2);
  units.lead = await create(modelOf(Organisation), 1);
  units.other = await create(modelOf(Organisation), 2);
  const co = await env.server.gql(`mutation { createOrganisation(input: { name: "测试县水务局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`);
  units.co = co.data.createOrganisation.id;
  const [codeA, codeB] = ['99001' + '1', '99002' + '1'];
  users.superAdmin = env.server.gql;
  users.clerkA = await env.server.as('CLERK', codeA);
  users.clerkB = await env.server.as('CLERK', codeB);
  users.leader = await env.server.as('LEADER');
  users.analyst = await env.server.as('ANALYST');
  // The test server's handler of a county works for its first organisation: units.lead in A, units.other in B.
  users.leadHandler = await env.server.as('HANDLER', codeA);
  users.otherHandler = await env.server.as('HANDLER', codeB);
  // The co-handler's staff are made as an administrator makes them, through the API.
  expect((await createHandler(env.server.gql, 'handler_co', units.co)).errors).toBeUndefined();
  users.coHandler = await signedIn('handler_co');
}, 120_000);

describe('the declared workflow is the one the issue describes', () => {
  // Written out by hand from issue 21 (and the co-handler's opinion, added after it), not from the table: the
  // matrix below derives its expectations from the table, so a wrong entry there (a step from the wrong state,
  // for the wrong party) is caught here.
  it('names each step, who takes it, from which states and to which', () => {
    const open = ['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK'];
    const handled = ['ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK'];
    expect(suggestionWorkflow.map((t) => [t.name, t.by, t.on, t.from, t.to])).toEqual([
      ['review', 'secretariat', 'Suggestion', ['SUBMITTED'], ['REVIEWED', 'REJECTED', 'MERGED']],
      ['assign', 'secretariat', 'Suggestion', ['REVIEWED'], ['ASSIGNED']],
      ['start', 'leadHandler', 'SuggestionHandling', ['ASSIGNED'], ['IN_PROGRESS']],
      ['answer', 'leadHandler', 'SuggestionHandling', ['IN_PROGRESS'], ['ANSWERED']],
      ['opinion', 'coHandler', 'SuggestionHandling', handled, handled],
      ['feedback', 'secretariat', 'Suggestion', ['ANSWERED'], ['FEEDBACK', 'IN_PROGRESS', 'CLOSED']],
      ['close', 'secretariat', 'Suggestion', ['FEEDBACK'], ['CLOSED']],
      ['requestReassignment', 'handler', 'SuggestionHandling', ['ASSIGNED', 'IN_PROGRESS'], ['ASSIGNED', 'IN_PROGRESS']],
      ['decideReassignment', 'secretariat', 'SuggestionHandling', ['ASSIGNED', 'IN_PROGRESS'], ['ASSIGNED', 'IN_PROGRESS']],
      ['supervise', 'secretariat', 'Suggestion', open, open],
    ]);
    expect(Object.fromEntries(Object.entries(workflowParties).map(([party, rule]) => [party, [...rule.roles]]))).toEqual({
      secretariat: ['ADMIN', 'CLERK'],
      leadHandler: ['HANDLER'],
      coHandler: ['HANDLER'],
      handler: ['HANDLER'],
    });
  });
});

describe('every transition × every state × every user, from the table', () => {
  const states = SuggestionStatus.values;
  it.each(suggestionWorkflow.map((transition) => [transition.name, transition] as const))(
    '%s',
    async (_name, transition) => {
      let checked = 0;
      let allowed = 0;
      for (const state of states) {
        // A case per state; a handling-level transition needs handlings, made by the generic API before assignment.
        const fresh = async () => {
          const current = await caseIn(state);
          if (transition.on === 'SuggestionHandling' && current.handlings.length === 0) {
            for (const [organisationId, role] of [
              [units.lead, 'LEAD'],
              [units.co, 'CO_HANDLER'],
            ]) {
              const made = await env.server.gql(`mutation { createSuggestionHandling(input: { suggestionId: "${current.id}", organisationId: "${organisationId}", role: ${role} }) { id } }`);
              expect(made.errors).toBeUndefined();
            }
          }
          const ready = await read(current.id);
          // Deciding needs a request waiting: the lead unit asks first, where it may.
          if (transition.name === 'decideReassignment' && byName('requestReassignment').from.includes(state)) {
            const lead = ready.handlings.find((handling) => handling.role === 'LEAD')!;
            expect((await fireAs(users.leadHandler, byName('requestReassignment'), lead.id, lead.version, { reason: '职责不符' })).errors).toBeUndefined();
            return read(current.id);
          }
          return ready;
        };
        const current = await fresh();
        const handled = current.handlings.length > 0;
        const outcomes = actors.map((actor) => [actor, expected(transition, state, actor, handled)] as const);
        // Refusals first, on one case: each leaves it exactly as it was.
        for (const [actor, outcome] of outcomes.filter(([, outcome]) => outcome.code !== 'ok')) {
          const target =
            transition.on === 'Suggestion'
              ? current
              : (current.handlings.find((handling) => handling.organisationId === units.co && actor === 'coHandler') ?? current.handlings.find((handling) => handling.role === 'LEAD')!);
          const before = await read(current.id);
          const answer = await fireAs(users[actor], transition, target.id, target.version, validInput(transition, current));
          expect(answer.errors?.[0]?.extensions, `${transition.name} in ${state} by ${actor}`).toMatchObject({ code: outcome.code, ...(outcome.workflow ? { workflow: outcome.workflow } : {}) });
          expect(answer.errors?.[0]?.extensions.messages.zh).toBeTruthy();
          expect(answer.errors?.[0]?.extensions.messages.en).toBeTruthy();
          expect(await read(current.id), `${transition.name} in ${state} by ${actor}: nothing changed`).toEqual(before);
          checked += 1;
        }
        // Each user it is allowed to: on a case of their own, passing, with a new version and a history step.
        for (const [actor] of outcomes.filter(([, outcome]) => outcome.code === 'ok')) {
          const mine = allowed === 0 && checked === 0 ? current : await fresh();
          const target =
            transition.on === 'Suggestion'
              ? mine
              : (mine.handlings.find((handling) => handling.organisationId === units.co && actor === 'coHandler') ?? mine.handlings.find((handling) => handling.role === 'LEAD')!);
          const answer = await fireAs(users[actor], transition, target.id, target.version, validInput(transition, mine));
          expect(answer.errors, `${transition.name} in ${state} by ${actor}`).toBeUndefined();
          expect(answer.data.r.version).toBe(target.version + 1);
          const after = await read(mine.id);
          expect(transition.to, `${transition.name} from ${state}`).toContain(after.status);
          const history = (
            await env.server.gql(`{ suggestion(id: "${mine.id}") { transitions(orderBy: [{ field: id, direction: DESC }], limit: 1) { nodes { step fromStatus toStatus actorName } } } }`)
          ).data.suggestion.transitions.nodes[0];
          expect(transition.steps).toContain(history.step);
          expect(history).toMatchObject({ fromStatus: state, toStatus: after.status });
          allowed += 1;
        }
      }
      // Neither side is vacuous: some user was allowed in some state, and refusals were met.
      expect(allowed).toBeGreaterThan(0);
      expect(checked).toBeGreaterThan(states.length);
    },
    300_000,
  );
});

describe('the facts each transition needs', () => {
  const refused = (answer: Answer, field: string) => {
    expect(answer.errors?.[0]?.extensions, JSON.stringify(answer.errors)).toMatchObject({ code: 'BAD_USER_INPUT', workflow: 'MISSING_FACT', field });
  };

  it('a review: a reason to reject, a suggestion to merge into (not itself), a date not in the future; in both languages', async () => {
    const current = await caseIn('SUBMITTED');
    const review = byName('review');
    refused(await fireAs(env.server.gql, review, current.id, current.version, { decision: 'REJECT' }), 'input.reason');
    refused(await fireAs(env.server.gql, review, current.id, current.version, { decision: 'MERGE' }), 'input.mergedIntoId');
    refused(await fireAs(env.server.gql, review, current.id, current.version, { decision: 'MERGE', mergedIntoId: current.id }), 'input.mergedIntoId');
    refused(await fireAs(env.server.gql, review, current.id, current.version, { decision: 'ACCEPT', reviewedOn: '2999-01-01' }), 'input.reviewedOn');
    const english = await fireAs(env.server.gql, review, current.id, current.version, { decision: 'REJECT', reason: '  ' }, { 'accept-language': 'en' });
    expect(english.errors?.[0].message).toBe('The reason is required');
    expect(english.errors?.[0].extensions.messages.zh).toBe('请填写不予立案的理由');
    // A stale version: CONFLICT with the current one.
    const stale = await fireAs(env.server.gql, review, current.id, current.version - 1 || 99, { decision: 'ACCEPT' });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: current.version });
    expect(await read(current.id)).toEqual(current);
  });

  it('an assignment: the lead unit readable and live, no unit twice; due three months on unless set', async () => {
    const current = await caseIn('REVIEWED');
    const assign = byName('assign');
    const missing = await fireAs(env.server.gql, assign, current.id, current.version, { lead: { organisationId: '987654321' }, coHandlers: [] });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.lead.organisationId' });
    // The clerk of county A cannot hand it to a unit of county B (out of their reach: absent).
    const outside = await fireAs(users.clerkA, assign, current.id, current.version, { lead: { organisationId: units.other }, coHandlers: [] });
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.lead.organisationId' });
    refused(
      await fireAs(env.server.gql, assign, current.id, current.version, { lead: { organisationId: units.lead }, coHandlers: [{ organisationId: units.lead }] }),
      'input.coHandlers.0.organisationId',
    );
    // Looked up together, a missing co-handler is still named by its own place in the input.
    const missingCo = await fireAs(env.server.gql, assign, current.id, current.version, {
      lead: { organisationId: units.lead },
      coHandlers: [{ organisationId: units.co }, { organisationId: '987654321' }],
    });
    expect(missingCo.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.coHandlers.1.organisationId' });
    const done = await fireAs(env.server.gql, assign, current.id, current.version, {
      assignedOn: '2024-11-30',
      lead: { organisationId: units.lead },
      coHandlers: [{ organisationId: units.co, dueOn: '2025-01-15' }],
    });
    expect(done.errors).toBeUndefined();
    const { data } = await env.server.gql(`{ suggestion(id: "${current.id}") { status assignedOn answerDueOn handlings { nodes { role dueOn assignedOn } } } }`);
    expect(data.suggestion).toMatchObject({ status: 'ASSIGNED', assignedOn: '2024-11-30', answerDueOn: '2025-02-28' });
    expect(data.suggestion.handlings.nodes).toEqual([
      { role: 'LEAD', dueOn: '2025-02-28', assignedOn: '2024-11-30' },
      { role: 'CO_HANDLER', dueOn: '2025-01-15', assignedOn: '2024-11-30' },
    ]);
  });

  it('key supervision: its responsible leader to set it (at most 60 characters), none to end it; the history names the leader', async () => {
    const current = await caseIn('ASSIGNED');
    refused(await fireAs(env.server.gql, byName('supervise'), current.id, current.version, { keySupervised: true }), 'input.leader');
    refused(await fireAs(env.server.gql, byName('supervise'), current.id, current.version, { keySupervised: true, leader: '  ' }), 'input.leader');
    refused(await fireAs(env.server.gql, byName('supervise'), current.id, current.version, { keySupervised: true, leader: '长'.repeat(61) }), 'input.leader');
    expect(await read(current.id)).toEqual(current);
    const set = await fireAs(env.server.gql, byName('supervise'), current.id, current.version, { keySupervised: true, leader: ' 常委会主任 ' });
    expect(set.errors).toBeUndefined();
    const supervised = (
      await env.server.gql(`{ suggestion(id: "${current.id}") { keySupervised supervisingLeader status transitions(orderBy: [{ field: id, direction: DESC }], limit: 1) { nodes { step note } } } }`)
    ).data.suggestion;
    expect(supervised).toMatchObject({ keySupervised: true, supervisingLeader: '常委会主任', status: 'ASSIGNED', transitions: { nodes: [{ step: 'SUPERVISE', note: '常委会主任' }] } });
    const ended = await fireAs(env.server.gql, byName('supervise'), current.id, current.version + 1, { keySupervised: false });
    expect(ended.errors).toBeUndefined();
    const after = (await env.server.gql(`{ suggestion(id: "${current.id}") { keySupervised supervisingLeader transitions(orderBy: [{ field: id, direction: DESC }], limit: 1) { nodes { step } } } }`))
      .data.suggestion;
    expect(after).toMatchObject({ keySupervised: false, supervisingLeader: null, transitions: { nodes: [{ step: 'UNSUPERVISE' }] } });
    // A decision that decides nothing (ending what is not set, setting what is, by the same leader) is refused and
    // leaves no history; another leader is a decision.
    refused(await fireAs(env.server.gql, byName('supervise'), current.id, current.version + 2, { keySupervised: false }), 'input.keySupervised');
    expect((await fireAs(env.server.gql, byName('supervise'), current.id, current.version + 2, { keySupervised: true, leader: '常委会主任' })).errors).toBeUndefined();
    refused(await fireAs(env.server.gql, byName('supervise'), current.id, current.version + 3, { keySupervised: true, leader: '常委会主任' }), 'input.keySupervised');
    expect((await fireAs(env.server.gql, byName('supervise'), current.id, current.version + 3, { keySupervised: true, leader: '常委会副主任' })).errors).toBeUndefined();
    const steps = (await env.server.gql(`{ suggestion(id: "${current.id}") { version transitions { nodes { step note } } } }`)).data.suggestion;
    expect(steps.version).toBe(current.version + 4);
    expect(steps.transitions.nodes.filter((t: any) => t.step === 'SUPERVISE' || t.step === 'UNSUPERVISE')).toEqual([
      { step: 'SUPERVISE', note: '常委会主任' },
      { step: 'UNSUPERVISE', note: null },
      { step: 'SUPERVISE', note: '常委会主任' },
      { step: 'SUPERVISE', note: '常委会副主任' },
    ]);
  });

  it('a co-handler’s opinion: text, once, before or after the lead’s answer; it answers that handling alone and leaves the case’s state and answer', async () => {
    const current = await caseIn('IN_PROGRESS');
    const co = current.handlings.find((handling) => handling.role === 'CO_HANDLER')!;
    refused(await fireAs(users.coHandler, byName('opinion'), co.id, co.version, { answer: '  ' }), 'input.answer');
    const answered = await step('answer', current.id);
    const given = await fireAs(users.coHandler, byName('opinion'), co.id, co.version, { answer: '同意主办单位意见' });
    expect(given.errors).toBeUndefined();
    const after = (
      await env.server.gql(
        `{ suggestion(id: "${current.id}") { status answeredOn answer: handlings { nodes { role answeredOn answer } } transitions(orderBy: [{ field: id, direction: DESC }], limit: 1) { nodes { step fromStatus toStatus note } } } }`,
      )
    ).data.suggestion;
    expect(after.status).toBe(answered.status);
    expect(after.answer.nodes.find((h: any) => h.role === 'CO_HANDLER')).toEqual({ role: 'CO_HANDLER', answeredOn: todayInChina(), answer: '同意主办单位意见' });
    expect(after.transitions.nodes[0]).toEqual({ step: 'OPINION', fromStatus: 'ANSWERED', toStatus: 'ANSWERED', note: '同意主办单位意见' });
    refused(await fireAs(users.coHandler, byName('opinion'), co.id, co.version + 1, { answer: '再补充一点' }), 'id');
  });

  it('an answer: text and category; feedback: one satisfaction for every handling; re-assignment: a reason, a waiting request, a new unit', async () => {
    const current = await caseIn('IN_PROGRESS');
    const lead = current.handlings.find((handling) => handling.role === 'LEAD')!;
    refused(await fireAs(users.leadHandler, byName('answer'), lead.id, lead.version, { answer: ' ', answerCategory: 'SOLVED' }), 'input.answer');
    const answered = await step('answer', current.id);
    refused(await fireAs(env.server.gql, byName('feedback'), answered.id, answered.version, { satisfactions: [{ handlingId: lead.id, satisfaction: 'SATISFIED' }] }), 'input.satisfactions');

    const other = await caseIn('ASSIGNED');
    const co = other.handlings.find((handling) => handling.role === 'CO_HANDLER')!;
    refused(await fireAs(env.server.gql, byName('decideReassignment'), co.id, co.version, { accept: false }), 'id');
    refused(await fireAs(users.coHandler, byName('requestReassignment'), co.id, co.version, { reason: '' }), 'input.reason');
    expect((await fireAs(users.coHandler, byName('requestReassignment'), co.id, co.version, { reason: '不属于本单位职责' })).errors).toBeUndefined();
    refused(await fireAs(users.coHandler, byName('requestReassignment'), co.id, co.version + 1, { reason: '再次申请' }), 'id');
    refused(await fireAs(env.server.gql, byName('decideReassignment'), co.id, co.version + 1, { accept: true }), 'input.organisationId');
    refused(await fireAs(env.server.gql, byName('decideReassignment'), co.id, co.version + 1, { accept: true, organisationId: units.lead }), 'input.organisationId');
    // Accepted: the handling passes to another unit; the co-handler's staff no longer see it or the case.
    const third = await env.server.gql(`mutation { createOrganisation(input: { name: "测试县交通局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`);
    const moved = await fireAs(env.server.gql, byName('decideReassignment'), co.id, co.version + 1, { accept: true, organisationId: third.data.createOrganisation.id });
    expect(moved.errors).toBeUndefined();
    expect((await users.coHandler(`{ suggestionHandling(id: "${co.id}") { id } suggestion(id: "${other.id}") { id } }`)).data).toEqual({ suggestionHandling: null, suggestion: null });
  });
});

describe('the story of a case', () => {
  it('reopens a first dissatisfied feedback once with a new due date, closes a second marked as such, and reads as its history', async () => {
    const current = await caseIn('ANSWERED');
    const dissatisfied = (c: Case) => ({ satisfactions: c.handlings.map((handling) => ({ handlingId: handling.id, satisfaction: handling.role === 'LEAD' ? 'DISSATISFIED' : 'SATISFIED' })) });
    let c = await step('feedback', current.id, dissatisfied(current));
    expect(c.status).toBe('IN_PROGRESS');
    const reopened = (await env.server.gql(`{ suggestion(id: "${c.id}") { reopened answeredOn satisfaction answerDueOn handlings { nodes { answeredOn dueOn } } } }`)).data.suggestion;
    expect(reopened).toMatchObject({ reopened: true, answeredOn: null, satisfaction: null });
    expect(reopened.handlings.nodes.every((handling: any) => handling.answeredOn === null && handling.dueOn === reopened.answerDueOn)).toBe(true);
    // Due anew: three months from the feedback (today, by default), for the case and every handling.
    expect(reopened.answerDueOn).toBe(addMonths(todayInChina(), 3));
    c = await step('answer', c.id);
    c = await step('feedback', c.id, dissatisfied(c));
    const closed = (
      await env.server.gql(`{ suggestion(id: "${c.id}") { status closedDissatisfied satisfaction closedOn transitions { totalCount nodes { step fromStatus toStatus note actorName } } } }`)
    ).data.suggestion;
    expect(closed).toMatchObject({ status: 'CLOSED', closedDissatisfied: true, satisfaction: 'DISSATISFIED' });
    expect(closed.transitions.nodes.map((t: any) => t.step)).toEqual(['ACCEPT', 'ASSIGN', 'ASSIGN', 'START', 'ANSWER', 'REOPEN', 'ANSWER', 'CLOSE']);
    expect(closed.transitions.nodes[5]).toMatchObject({ fromStatus: 'ANSWERED', toStatus: 'IN_PROGRESS', note: '不满意、满意' });
    // Each step is in the audit trail too, under its user.
    const client = await env.database.superClient();
    try {
      // This case's eight steps, each created under audit (the file's other cases have theirs too: counted apart).
      const { rows } = await client.query(
        `select count(*)::int as n from audit_entry where entity = 'SuggestionTransition' and operation = 'CREATE' and record_id in (select id::text from suggestion_transition where suggestion_id = $1)`,
        [c.id],
      );
      expect(rows[0].n).toBe(8);
      const { rows: actors } = await client.query(`select distinct actor_name from audit_entry where entity = 'Suggestion' and record_id = $1 and operation = 'UPDATE'`, [c.id]);
      expect(actors.map((row) => row.actor_name).sort()).toEqual(['test_admin', 'test_handler_990011'].sort());
    } finally {
      await client.end();
    }
  });

  it('the generic API no longer moves a suggestion or writes a handling’s answer: those fields are no input (a localized refusal)', async () => {
    const current = await caseIn('SUBMITTED');
    const status = await env.server.gql(`mutation { updateSuggestion(id: "${current.id}", version: ${current.version}, input: { status: CLOSED }) { id } }`);
    expect(status.errors?.[0].message).toMatch(/status/);
    expect(status.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/);
    const english = await env.server.gql(`mutation { updateSuggestion(id: "${current.id}", version: ${current.version}, input: { status: CLOSED }) { id } }`, undefined, { 'accept-language': 'en' });
    expect(english.errors?.[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    for (const field of ['assignedOn: "2024-05-01"', 'answeredOn: "2024-05-01"', 'satisfaction: SATISFIED', 'closedOn: "2024-05-01"', 'keySupervised: true', 'supervisingLeader: "某某"']) {
      // Refused because the field is no input (validation names it), not for any other reason.
      const refusal = (await env.server.gql(`mutation { updateSuggestion(id: "${current.id}", version: ${current.version}, input: { ${field} }) { id } }`)).errors?.[0];
      expect(refusal?.message, field).toContain(field.split(':')[0]);
    }
    const handled = await caseIn('ASSIGNED');
    const lead = handled.handlings[0];
    expect((await env.server.gql(`mutation { updateSuggestionHandling(id: "${lead.id}", version: ${lead.version}, input: { answerCategory: SOLVED }) { id } }`)).errors?.[0].message).toContain(
      'answerCategory',
    );
    expect(await read(current.id)).toEqual(current);
  });
});

describe('handlers: created by the administrator of their unit’s region, and reaching their unit’s cases alone', () => {
  it('refuses a handler without a unit, and a unit outside a scoped administrator’s region', async () => {
    const without = await createHandler(env.server.gql, 'handler_none', null);
    expect(without.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organisationId',
      messages: { zh: '所属承办单位：承办单位人员必须指定所属的承办单位', en: 'Handling unit: is required for handling unit staff (the unit they work for)' },
    });
    const adminA = await env.server.as('ADMIN', '990011');
    const made = await createHandler(adminA, 'handler_by_admin_a', units.lead);
    expect(made.errors).toBeUndefined();
    expect(made.data.createUser).toMatchObject({ role: 'HANDLER', organisation: { id: units.lead }, region: { code: '990011' } });
    const outside = await createHandler(adminA, 'handler_outside', units.other);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.organisationId' });
    // A deleted unit has no staff to add: refused, and no user made (whose region an administrator would have chosen).
    const closed = await env.server.gql(`mutation { createOrganisation(input: { name: "已撤销的单位", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id version } }`);
    const { id: closedId, version: closedVersion } = closed.data.createOrganisation;
    expect((await env.server.gql(`mutation { deleteOrganisation(id: "${closedId}", version: ${closedVersion}, reason: "机构撤并") { id } }`)).errors).toBeUndefined();
    const toClosed = await createHandler(env.server.gql, 'handler_closed_unit', closedId);
    expect(toClosed.errors?.[0].extensions).toMatchObject({ field: 'input.organisationId' });
    expect((await env.server.gql(`{ users(where: { username: { eq: "handler_closed_unit" } }) { totalCount } }`)).data.users.totalCount).toBe(0);
    // Only handlers belong to a unit.
    const clerk = await env.server.gql(`mutation ($input: UserCreateInput!) { createUser(input: $input, password: "${testPassword}") { id } }`, {
      input: { username: 'clerk_with_unit', displayName: '办公室', role: 'CLERK', regionId: countyA, organisationId: units.lead },
    });
    expect(clerk.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
  });

  it('another unit’s case is absent to a handler: by id, in lists, by search, in statistics, nested, in exports', async () => {
    const mine = await caseIn('ASSIGNED');
    const theirs = await caseIn('SUBMITTED');
    const title = (await env.server.gql(`{ suggestion(id: "${theirs.id}") { title } }`)).data.suggestion.title as string;
    const handler = users.otherHandler;
    for (const query of [`{ r: suggestion(id: "${mine.id}") { id } }`, `{ r: suggestionHandling(id: "${mine.handlings[0].id}") { id } }`, `{ r: suggestion(id: "${theirs.id}") { id } }`])
      expect((await handler(query)).data.r, query).toBeNull();
    const listed = await handler(
      `{ suggestions(where: { q: ${JSON.stringify(title)} }) { totalCount } all: suggestions { totalCount } suggestionHandlings { totalCount } suggestionsAggregate { count } }`,
    );
    expect(listed.data).toEqual({ suggestions: { totalCount: 0 }, all: { totalCount: 0 }, suggestionHandlings: { totalCount: 0 }, suggestionsAggregate: [{ count: 0 }] });
    // The lead unit's staff see their case with its history (as the secretariat sees it), its region absent, identifiers never.
    const shape = `{ suggestion(id: "${mine.id}") { id region { id } transitions { totalCount } handlings { nodes { role } } } }`;
    const history = (await env.server.gql(shape)).data.suggestion.transitions.totalCount as number;
    expect(history).toBe(3); // 立案, and 交办 to the lead unit and to the co-handler
    const seen = await users.leadHandler(shape);
    expect(seen.data.suggestion).toEqual({ id: mine.id, region: null, transitions: { totalCount: history }, handlings: { nodes: [{ role: 'LEAD' }] } });
    // Of deputies, a unit reads only those who submitted its cases: none for a unit without cases.
    expect((await handler(`{ deputies { totalCount } persons { totalCount } }`)).data).toEqual({ deputies: { totalCount: 0 }, persons: { totalCount: 0 } });
    expect(code(await users.leadHandler(`{ liaisonStations { totalCount } }`))).toBe('FORBIDDEN');
    const response = await fetch(`${env.server.url}/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: (await env.server.as('HANDLER', '990021')).cookie },
      body: JSON.stringify({ query: `{ suggestions { nodes { id title } } }`, format: 'json' }),
    });
    expect(await response.json()).toEqual([]);
  });
});
