/**
 * Deputies' suggestions (代表建议) to the county congress — and some to township congresses — mostly at
 * each January session, and their lifecycle up to the reference date: 提出 → 审查 → 交办 → 办理 → 答复 →
 * 反馈 → 办结, a dissatisfied feedback reopened once now and then. The status always agrees with the dates
 * (assigned, answered and closed on; the answer due three months after assignment).
 *
 * Below the suggestions: their submitters (a lead deputy and co-signers) and their handling organisations.
 */
import { day, iso, numeralZh, referenceDay, threeMonthsAfter, yearOfDay } from './calendar.js';
import { seatActiveOn, seatsOf, weightedIndex } from './deputies.js';
import { suggestionTopics } from './names.js';
import { handlersOf, organisationsOfKind } from './organisations.js';
import { type Plan, STREET } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';

export const categories = ['ECONOMY', 'AGRICULTURE', 'EDUCATION', 'HEALTH', 'TRANSPORT', 'ENVIRONMENT', 'URBAN', 'SOCIAL', 'CULTURE', 'LAW', 'OTHER'] as const;
const categoryWeights = [0.14, 0.18, 0.12, 0.1, 0.12, 0.07, 0.1, 0.08, 0.04, 0.03, 0.02];
export const statuses = ['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED'] as const;
export const ASSIGNED = 2;
export const ANSWERED = 4;
export const FEEDBACK = 5;
const CLOSED = 6;
export const answerCategories = ['SOLVED', 'PLANNED', 'EXPLAINED'] as const;
export const satisfactions = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
const DISSATISFIED = 2;

export type Suggestions = {
  count: number;
  /** Global township index for a township congress's suggestion, −1 for the county's. */
  township: Int32Array;
  submitted: Int32Array;
  category: Uint8Array;
  status: Uint8Array;
  assigned: Int32Array;
  /** 0 when not (or no longer) answered. */
  answered: Int32Array;
  answerCategory: Uint8Array;
  satisfaction: Uint8Array;
  closed: Int32Array;
  reopened: Uint8Array;
};

let cached: { plan: Plan; c: number; suggestions: Suggestions } | undefined;

export function suggestionsOf(plan: Plan, c: number): Suggestions {
  if (cached && cached.plan === plan && cached.c === c) return cached.suggestions;
  const random = plan.stream('suggestion-facts', c);
  const count = plan.count('suggestion', c);
  const facts: Suggestions = {
    count,
    township: new Int32Array(count),
    submitted: new Int32Array(count),
    category: new Uint8Array(count),
    status: new Uint8Array(count),
    assigned: new Int32Array(count),
    answered: new Int32Array(count),
    answerCategory: new Uint8Array(count),
    satisfaction: new Uint8Array(count),
    closed: new Int32Array(count),
    reopened: new Uint8Array(count),
  };
  const firstTownship = plan.townshipStart[c];
  const townships = plan.townshipStart[c + 1] - firstTownship;
  const lastYear = yearOfDay(referenceDay);
  for (let i = 0; i < count; i++) {
    const t = firstTownship + random.int(0, townships - 1);
    facts.township[i] = random.chance(0.2) && plan.townshipKind[t] !== STREET ? t : -1;
    const year = random.int(2022, lastYear);
    const submitted = random.chance(0.85) ? day(year, 1, 5) + random.int(0, 50) : Math.min(day(year, 3, 1) + random.int(0, 280), referenceDay);
    facts.submitted[i] = submitted;
    facts.category[i] = weightedIndex(random.next(), categoryWeights);
    // The lifecycle's dates, then the stage reached by the reference date.
    const reviewed = submitted + random.int(3, 20);
    const assigned = reviewed + random.int(5, 30);
    let answered = assigned + (random.chance(0.95) ? random.int(20, 88) : random.int(95, 140));
    let feedback = answered + random.int(5, 30);
    let satisfaction = weightedIndex(random.next(), [0.8, 0.16, 0.04]);
    // Most close soon after the feedback; some (answers promising a plan) stay open for months.
    let closed = feedback + (random.chance(0.85) ? random.int(5, 60) : random.int(120, 540));
    let reopenedOn = 0;
    if (satisfaction === DISSATISFIED && random.chance(0.7)) {
      // Reopened once (重新办理): answered, fed back and closed a second time.
      const reopenOn = feedback + 5;
      const secondAnswer = reopenOn + random.int(20, 60);
      const secondFeedback = secondAnswer + random.int(5, 20);
      if (reopenOn <= referenceDay) {
        reopenedOn = reopenOn;
        answered = secondAnswer;
        feedback = secondFeedback;
        satisfaction = random.chance(0.6) ? 0 : 1;
        closed = feedback + random.int(5, 30);
      } else {
        closed = referenceDay + 1; // it will be reopened, not closed
      }
    }
    const stage = [submitted, reviewed, assigned, assigned + 3, answered, feedback, closed];
    // Reopened and not answered again yet: back in progress (3), the first answer cleared.
    let status = 0;
    while (status < CLOSED && stage[status + 1] <= referenceDay) status += 1;
    const reopened = reopenedOn !== 0;
    facts.status[i] = status;
    facts.assigned[i] = status >= ASSIGNED ? assigned : 0;
    facts.answered[i] = status >= ANSWERED ? answered : 0;
    facts.answerCategory[i] = weightedIndex(random.next(), [0.55, 0.3, 0.15]);
    facts.satisfaction[i] = satisfaction;
    facts.closed[i] = status === CLOSED ? closed : 0;
    facts.reopened[i] = reopened ? 1 : 0;
  }
  cached = { plan, c, suggestions: facts };
  return facts;
}

export const suggestions: TableGenerator = {
  table: 'suggestion',
  columns: [
    'id',
    'number',
    'title',
    'body',
    'region_id',
    'session',
    'submitted_on',
    'category',
    'key_supervised',
    'status',
    'assigned_on',
    'answer_due_on',
    'answered_on',
    'answer_category',
    'satisfaction',
    'closed_on',
    'reopened',
  ],
  bytesPerRow: 430,
  expectedRows: (plan) => plan.total('suggestion'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('suggestions', c);
    const facts = suggestionsOf(plan, c);
    const numbers = new Map<number, number>();
    for (let i = 0; i < facts.count; i++) {
      const t = facts.township[i];
      const submitted = facts.submitted[i];
      const year = yearOfDay(submitted);
      const key = (t + 1) * 100 + (year - 2000);
      const number = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, number);
      const atSession = submitted < day(year, 3, 1);
      const congress = t >= 0 ? `${plan.townshipName[t]}第${numeralZh(plan.townshipTerm(c))}届` : `${plan.countyName[c]}第${numeralZh(plan.countyTerm[c])}届`;
      const session = atSession ? `${congress}人民代表大会第${numeralZh(year - 2020)}次会议` : '闭会期间';
      const category = categories[facts.category[i]];
      const topics = suggestionTopics[category];
      const topic = topics[random.int(0, topics.length - 1)];
      const status = facts.status[i];
      const assigned = facts.assigned[i];
      const answered = facts.answered[i];
      out.add(
        `${out.nextId()}\t${atSession ? '' : '闭'}第${number}号\t关于${topic}的建议\t建议${topic}，切实解决群众反映强烈的突出问题。\t${t >= 0 ? plan.townshipId(t) : plan.countyId(c)}\t${session}\t${iso(submitted)}\t${category}\t${random.chance(0.03) ? 't' : 'f'}\t${statuses[status]}\t${assigned ? iso(assigned) : NULL}\t${assigned ? iso(threeMonthsAfter(assigned)) : NULL}\t${answered ? iso(answered) : NULL}\t${answered ? answerCategories[facts.answerCategory[i]] : NULL}\t${status >= FEEDBACK ? satisfactions[facts.satisfaction[i]] : NULL}\t${facts.closed[i] ? iso(facts.closed[i]) : NULL}\t${facts.reopened[i] ? 't' : 'f'}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Suggestion handlings (承办): once a suggestion is assigned, a lead handling organisation chosen by its
// category and sometimes co-handlers. The lead's answer and the deputy's satisfaction are the
// suggestion's own; co-handlers answer the lead a few days earlier.

const coHandlerWeights = [0.74, 0.23, 0.03];
const departments = organisationsOfKind('GOVERNMENT_DEPT');

export const suggestionHandlings: TableGenerator = {
  table: 'suggestion_handling',
  columns: ['id', 'suggestion_id', 'organisation_id', 'role', 'assigned_on', 'answered_on', 'answer_category', 'satisfaction'],
  bytesPerRow: 260,
  expectedRows: (plan) => Math.round(plan.total('suggestion') * 0.97 * 1.29),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('handlings', c);
    const facts = suggestionsOf(plan, c);
    const firstSuggestion = plan.firstId('suggestion', c);
    const firstOrganisation = plan.firstId('organisation', c);
    for (let i = 0; i < facts.count; i++) {
      const status = facts.status[i];
      if (status < ASSIGNED) continue;
      const assigned = iso(facts.assigned[i]);
      const answered = facts.answered[i];
      const handlers = handlersOf[categories[facts.category[i]]];
      const lead = handlers[random.int(0, handlers.length - 1)];
      const suggestion = firstSuggestion + i;
      out.add(
        `${out.nextId()}\t${suggestion}\t${firstOrganisation + lead}\tLEAD\t${assigned}\t${answered ? iso(answered) : NULL}\t${status >= ANSWERED ? answerCategories[facts.answerCategory[i]] : NULL}\t${status >= FEEDBACK ? satisfactions[facts.satisfaction[i]] : NULL}\n`,
      );
      const coHandlers = weightedIndex(random.next(), coHandlerWeights);
      const start = random.int(0, departments.length - 1);
      for (let h = 0, j = 0; h < coHandlers; j++) {
        const other = departments[(start + j) % departments.length];
        if (other === lead) continue;
        h += 1;
        const coAnswered = answered ? iso(Math.max(facts.assigned[i], answered - random.int(0, 10))) : NULL;
        out.add(`${out.nextId()}\t${suggestion}\t${firstOrganisation + other}\tCO_HANDLER\t${assigned}\t${coAnswered}\t${NULL}\t${NULL}\n`);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Suggestion submitters: a lead deputy of the congress the suggestion went to (a county deputy for the
// county's, a township deputy for a township's), holding the seat on the day, and now and then
// co-signers of the same congress.

const coSignerWeights = [0.75, 0.15, 0.07, 0.03];

export const suggestionSubmitters: TableGenerator = {
  table: 'suggestion_submitter',
  columns: ['id', 'suggestion_id', 'deputy_id', 'role'],
  bytesPerRow: 240,
  expectedRows: (plan) => Math.round(plan.total('suggestion') * 1.38),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('submitters', c);
    const seats = seatsOf(plan, c);
    const facts = suggestionsOf(plan, c);
    const firstSuggestion = plan.firstId('suggestion', c);
    const firstDeputy = plan.firstId('deputy', c);
    const countySeats = plan.countySeats[c];
    for (let i = 0; i < facts.count; i++) {
      const t = facts.township[i];
      const from = t >= 0 ? countySeats + plan.townshipSeatStart[t] : 0;
      const pool = t >= 0 ? plan.townshipSeats[t] : countySeats;
      const wanted = 1 + weightedIndex(random.next(), coSignerWeights);
      const start = random.int(0, pool - 1);
      let taken = 0;
      for (let j = 0; j < pool && taken < wanted; j++) {
        const k = from + ((start + j) % pool);
        if (!seatActiveOn(seats, k, facts.submitted[i])) continue;
        out.add(`${out.nextId()}\t${firstSuggestion + i}\t${firstDeputy + k}\t${taken === 0 ? 'LEAD' : 'COSIGNER'}\n`);
        taken += 1;
      }
    }
  },
};
