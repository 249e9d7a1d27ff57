/**
 * Deputies' suggestions (代表建议) to each county congress and to the 兰州 and 平凉 municipal congresses,
 * 2019–2024, with submitters, handling units and complete lifecycles. Each yearly cohort meets its
 * profile's answer, satisfaction and closure rates exactly (quotas), except what the reference date cuts
 * short; 镇平's suggestions and motions number its article's 134 from 2020 to the article's date (2021-09-03),
 * answered, satisfied and closed above 95% / 95% / 80% on that day and after, 兰州 marks at least 10 a year for
 * key supervision, and 汇川's first session of its 5th congress received 129, 25 of them on rural revitalisation.
 */
import { Satisfaction, type AnswerCategory, type SuggestionCategory, type SuggestionStatus } from '../../schema/shared/enums.js';
import { addMonths, answerNote } from '../../schema/shared/suggestion-workflow.js';
import { caseAt, type CaseCourse, type CaseDates } from './suggestion-story.js';
import { addDays, type Random } from '../random.js';
import { sessionIn, type Congress } from './calendar.js';
import { addAnswerLetter } from './answer-letters.js';
import { handlersOf, organisationFor } from './organisations.js';
import type { CountyProfile } from './profiles.js';
import { zhenpingArticle } from './article-dates.js';
import { covers, quota, referenceDate, shortName, years } from './shared.js';
import { fill, suggestionTitles, villageNames } from './texts.js';
import type { RegionRef, Seat, World } from './world.js';

/** 汇川区, first session of the 5th congress (2022): 129 suggestions, 25 on rural revitalisation (19.4%). */
export const huichuanSession = { county: '520303', year: 2022, total: 129, agriculture: 25 };

/** A congress receiving suggestions: a county's, or a city's (兰州, 平凉), with the deputies who may submit them. */
type Body = { region: RegionRef; congress: Congress; profile: CountyProfile['suggestions']; deputies: Seat[]; townships: RegionRef[]; rural: boolean };
/** How far a suggestion is planned to get (the reference date may cut it short). */
type Plan = 'STALLED' | 'ANSWERED' | 'FEEDBACK' | 'CLOSED';
type Weights = Record<SuggestionCategory, number>;

const rural: Weights = { AGRICULTURE: 3, TRANSPORT: 2, EDUCATION: 1.5, HEALTH: 1.2, ECONOMY: 1, ENVIRONMENT: 1, URBAN: 0.8, SOCIAL: 1, CULTURE: 0.5, LAW: 0.5, OTHER: 0.3 };
const urban: Weights = { URBAN: 2.5, ECONOMY: 2, TRANSPORT: 1.5, EDUCATION: 1.5, HEALTH: 1.2, ENVIRONMENT: 1.2, SOCIAL: 1.2, CULTURE: 0.8, LAW: 0.8, AGRICULTURE: 0.6, OTHER: 0.3 };
const answers: Record<AnswerCategory, number> = { SOLVED: 5, PLANNED: 3, EXPLAINED: 2 };
const order: SuggestionStatus[] = ['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED'];

export function generateSuggestions(world: World, random: Random): void {
  const bodies: Body[] = [];
  for (const county of world.counties) {
    bodies.push({
      region: county.region,
      congress: { term: county.terms.current.number, sessionDay: county.profile.sessionDay },
      profile: county.profile.suggestions,
      deputies: world.seats.filter((seat) => seat.regionId === county.region.id && seat.level === 'COUNTY'),
      townships: county.townships,
      rural: county.region.kind !== 'DISTRICT',
    });
  }
  for (const city of world.cities) {
    if (!city.profile.suggestions) continue;
    bodies.push({
      region: city.region,
      congress: { term: Number(world.data.rows('region')[city.region.id - 1].congress_term), sessionDay: city.region.code === '620100' ? '01-20' : '01-10' },
      profile: city.profile.suggestions,
      deputies: world.seats.filter((seat) => seat.level === 'MUNICIPAL' && seat.county.city === city.region),
      townships: city.counties.flatMap((county) => county.townships),
      rural: city.region.code !== '620100',
    });
  }
  for (const body of bodies) {
    const local = random.fork(body.region.code);
    const article = body.region.code === zhenpingArticle.county ? articleSplit(body.profile) : null;
    years.forEach((year, y) => cohort(world, local, body, year, body.profile.perYear[y], article?.year === year ? article : null));
    if (body.profile.commended) commend(world, random.fork(`${body.region.code}:commended`), body.region, body.profile.commended);
  }
}

/**
 * 评选表彰: at the next year's session, `perYear` of each year's suggestions closed with the deputies satisfied are
 * named high-quality (优秀建议; 庄浪's 20+), so the reference date's year has none yet. On its own stream: no other row moves.
 */
function commend(world: World, random: Random, region: RegionRef, perYear: number): void {
  const rows = world.data.rows('suggestion').filter((row) => row.region_id === region.id && row.status === 'CLOSED' && row.satisfaction === 'SATISFIED');
  for (const year of years.slice(0, -1)) {
    const candidates = rows.filter((row) => String(row.submitted_on).startsWith(`${year}-`));
    if (candidates.length < perYear) throw new Error(`${region.name} ${year}: ${candidates.length} satisfied closed suggestions for ${perYear} commendations`);
    for (const row of random.sample(candidates, perYear)) row.commended = true;
  }
}

/** 镇平's cohort of its article's year: how many of it were submitted by the article's date, so that with the earlier years' and the motions they make the article's 134. */
function articleSplit(profile: CountyProfile['suggestions']): Split {
  const { date, motionsAndSuggestions, motionsPerYear } = zhenpingArticle;
  const [from, to] = [Number(motionsAndSuggestions.since.slice(0, 4)), Number(date.slice(0, 4))];
  const earlier = years.reduce((sum, year, y) => sum + (year >= from && year < to ? profile.perYear[y] : 0), 0);
  // Motions are made at the session, in January: all of the article's year's came before it.
  const motions = years.reduce((sum, year, y) => sum + (year >= from && year <= to ? motionsPerYear[y] : 0), 0);
  return { year: to, until: date, before: motionsAndSuggestions.total - earlier - motions };
}

/** A cohort cut by an article's date: the first `before` of it submitted by `until`, the rest after. */
type Split = { year: number; until: string; before: number };

function cohort(world: World, random: Random, body: Body, year: number, count: number, split: Split | null): void {
  const session = sessionIn(body.congress, year);
  const huichuan = body.region.code === huichuanSession.county && year === huichuanSession.year;
  const atSession = huichuan ? huichuanSession.total : Math.round(count * 0.85);
  const agriculture = huichuan ? quota(random, atSession, huichuanSession.agriculture) : null;
  const { answer, satisfaction, closure, key } = body.profile;

  // Planned outcomes, exact per cohort: never answered, closed, answered and awaiting feedback, feedback given.
  const stalled = quota(random, count, Math.round(count * (1 - answer)));
  const answered = [...Array(count).keys()].filter((i) => !stalled.has(i));
  const closed = new Set(random.sample(answered, Math.min(answered.length, Math.round(count * closure))));
  const open = answered.filter((i) => !closed.has(i));
  const awaiting = new Set(random.sample(open, Math.round(open.length * 0.3)));
  const withFeedback = answered.filter((i) => !awaiting.has(i));
  const dissatisfied = new Set(random.sample(withFeedback, Math.round(withFeedback.length * (1 - satisfaction))));
  const keySupervised = quota(random, count, Math.min(key, count));
  const plan = (i: number): Plan => (stalled.has(i) ? 'STALLED' : closed.has(i) ? 'CLOSED' : awaiting.has(i) ? 'ANSWERED' : 'FEEDBACK');

  if (split && (split.before < atSession || split.before > count)) throw new Error(`${body.region.name}: ${split.before} suggestions by ${split.until} do not fit a cohort of ${count}`);
  for (let i = 0; i < count; i++) {
    const inSession = i < atSession;
    const closes = year < 2024 ? `${year}-10-31` : referenceDate;
    // Before an article's date, early enough to be handled by it; after it, the rest of the year.
    const [opens, ends] = !split ? [addDays(session.date, 20), closes] : i < split.before ? [addDays(session.date, 20), addDays(split.until, -150)] : [addDays(split.until, 1), closes];
    const submittedOn = inSession ? addDays(session.date, random.int(0, 2)) : random.date(opens, ends);
    const lead = pickDeputies(random, body.deputies, submittedOn, 1 + Number(random.weighted({ '0': 5, '1': 3, '2': 2, '3': 1 })));
    if (!lead.length) throw new Error(`${body.region.name}: no deputy sitting on ${submittedOn}`);
    const weights = body.rural ? rural : urban;
    // 汇川's 2022 session: exactly the published number on rural revitalisation, none among the others.
    const category: SuggestionCategory = !agriculture ? random.weighted(weights) : agriculture.has(i) && inSession ? 'AGRICULTURE' : random.weighted({ ...weights, AGRICULTURE: 0 });
    const places = { county: shortName(body.region.name), township: random.pick(body.townships).name, village: villageNames(random, 1)[0] };
    const title = fill(random.pick(suggestionTitles[category]), places);
    const outcome = { key: keySupervised.has(i), plan: plan(i), dissatisfied: dissatisfied.has(i), satisfaction };
    lifecycle(world, random, body, { index: i, atSession, inSession, session: session.name, submittedOn, category, title, ...outcome }, lead);
  }
}

/** The lead deputy and co-signers: distinct seats of the congress sitting on `date`. */
function pickDeputies(random: Random, seats: Seat[], date: string, count: number): Seat[] {
  const sitting = seats.filter((seat) => covers(seat.electedOn, seat.endedOn, date));
  return random.sample(sitting, Math.min(count, sitting.length));
}

type Draft = {
  index: number;
  atSession: number;
  inSession: boolean;
  session: string;
  submittedOn: string;
  category: SuggestionCategory;
  title: string;
  key: boolean;
  plan: Plan;
  dissatisfied: boolean;
  satisfaction: number;
};

/** Dates of every stage, then the status the reference date reaches: a stage's fields are set only once it is reached. */
function lifecycle(world: World, random: Random, body: Body, draft: Draft, submitters: Seat[]): void {
  const assignedOn = addDays(draft.submittedOn, draft.inSession ? random.int(20, 45) : random.int(10, 30));
  const late = random.chance(0.08);
  const reopened = draft.plan !== 'STALLED' && draft.plan !== 'ANSWERED' && !draft.dissatisfied && random.chance(0.04);
  const answeredOn = addDays(assignedOn, late ? random.int(92, 120) : random.int(25, 85));
  const finalAnswer = reopened ? addDays(answeredOn, random.int(50, 90)) : answeredOn;
  const feedbackOn = addDays(finalAnswer, random.int(7, 30));
  const closedOn = addDays(feedbackOn, random.int(5, 40));
  const reached: SuggestionStatus =
    draft.submittedOn > addDays(referenceDate, -3)
      ? 'SUBMITTED'
      : assignedOn > referenceDate
        ? 'REVIEWED'
        : draft.plan === 'STALLED' || finalAnswer > referenceDate
          ? addDays(assignedOn, 7) > referenceDate
            ? 'ASSIGNED'
            : 'IN_PROGRESS'
          : draft.plan === 'ANSWERED' || feedbackOn > referenceDate
            ? 'ANSWERED'
            : draft.plan === 'FEEDBACK' || closedOn > referenceDate
              ? 'FEEDBACK'
              : 'CLOSED';
  const at = (stage: SuggestionStatus) => order.indexOf(reached) >= order.indexOf(stage);
  // A reopened case cut between its two answers has answered once: its first answer needs a category too.
  const answeredOnce = at('ANSWERED') || (body.region.code === historyCounty && draft.plan !== 'STALLED' && answeredOn <= referenceDate);
  const answerCategory = answeredOnce ? random.weighted(answers) : null;
  const feeling: Satisfaction | null = !at('FEEDBACK') ? null : draft.dissatisfied ? 'DISSATISFIED' : reopened || !random.chance(draft.satisfaction) ? 'BASICALLY_SATISFIED' : 'SATISFIED';
  // 镇平县's cases are told step by step as the workflow writes them, and their fields read off the story (the
  // draws above stay as they were, so every other county's rows do too).
  const story =
    body.region.code === historyCounty ? caseAt(storyDates(draft, { assignedOn, answeredOn, finalAnswer, reopened, feedbackOn, closedOn }), courseOf(draft, reopened, feeling), referenceDate) : null;
  const assigned = story ? story.assignedOn : at('ASSIGNED') ? assignedOn : null;
  const answered = story ? story.answeredOn : at('ANSWERED') ? finalAnswer : null;
  const category = answered ? answerCategory : null;
  const satisfaction = story ? story.satisfaction : feeling;
  const dueOn = story ? story.dueOn : assigned ? addMonths(assigned, 3) : null;
  const number = draft.inSession ? `第${draft.index + 1}号` : `闭会第${draft.index + 1 - draft.atSession}号`;
  const id = world.data.add('suggestion', {
    number,
    title: draft.title,
    body: `${draft.title.replace(/^关于/, '').replace(/的建议$/, '')}，事关群众切身利益。建议有关部门统筹资金、完善机制、明确责任，加快推进落实。`,
    region_id: body.region.id,
    session: draft.inSession ? draft.session : '闭会期间',
    submitted_on: draft.submittedOn,
    category: draft.category,
    key_supervised: draft.key,
    commended: false,
    supervising_leader: draft.key ? supervisingLeaders[draft.index % supervisingLeaders.length] : null,
    status: story ? story.status : reached,
    assigned_on: assigned,
    answer_due_on: dueOn,
    answered_on: answered,
    answer_category: category,
    satisfaction,
    closed_on: story ? story.closedOn : at('CLOSED') ? closedOn : null,
    closed_dissatisfied: story?.closedDissatisfied ?? false,
    reopened: story ? story.reopened : reopened && addDays(answeredOn, 20) <= referenceDate,
  });
  submitters.forEach((seat, index) => world.data.add('suggestion_submitter', { suggestion_id: id, deputy_id: seat.id, role: index === 0 ? 'LEAD' : 'COSIGNER' }));
  if (!assigned) return;
  const [lead, ...others] = handlersOf[draft.category];
  const leadUnit = organisationFor(world, body.region.code, lead);
  const answer = category && story ? answerText(draft.title, category) : null;
  const leadHandling = world.data.add('suggestion_handling', {
    suggestion_id: id,
    organisation_id: leadUnit.id,
    role: 'LEAD',
    assigned_on: assigned,
    due_on: dueOn,
    started_on: story?.startedOn ?? null,
    answered_on: answered,
    answer_category: category,
    answer,
    satisfaction,
  });
  const handlings = [{ id: leadHandling, organisation: leadUnit.id }];
  if (others.length && random.chance(0.3)) {
    const coAhead = at('ANSWERED') ? random.int(3, 10) : null;
    const coAnswered = answered && coAhead !== null ? addDays(answered, -coAhead) : null;
    const coOrganisation = organisationFor(world, body.region.code, random.pick(others)).id;
    const coAnsweredInTime = coAnswered && coAnswered >= assigned ? coAnswered : null;
    handlings.push({
      organisation: coOrganisation,
      id: world.data.add('suggestion_handling', {
        suggestion_id: id,
        organisation_id: coOrganisation,
        role: 'CO_HANDLER',
        assigned_on: assigned,
        due_on: dueOn,
        answered_on: coAnsweredInTime,
        answer_category: coAnsweredInTime ? category : null,
        // The workflow's feedback rates every handling; the other counties' demo rates the case only.
        satisfaction: story ? satisfaction : null,
      }),
    });
  }
  if (!story) return;
  const unitName = `${leadUnit.name}（演示数据）`;
  const byLead = { handling_id: leadHandling, organisation_id: leadUnit.id };
  for (const step of story.steps) {
    const base = { suggestion_id: id, step: step.step, from_status: step.from, to_status: step.to, occurred_on: step.on, actor_name: step.by === 'lead' ? unitName : secretariat };
    if (step.step === 'ASSIGN') {
      for (const handling of handlings) world.data.add('suggestion_transition', { ...base, handling_id: handling.id, organisation_id: handling.organisation, due_on: step.dueOn });
    } else if (step.step === 'ANSWER') {
      world.data.add('suggestion_transition', { ...base, ...byLead, note: answerNote(answerCategory!, answerText(draft.title, answerCategory!)) });
      addAnswerLetter(world, { suggestionId: id, handlingId: leadHandling, number, on: step.on, by: unitName });
    } else {
      world.data.add('suggestion_transition', {
        ...base,
        ...(step.by === 'lead' ? byLead : {}),
        due_on: step.dueOn ?? null,
        note: step.note ?? (step.step === 'FEEDBACK' ? Satisfaction.label(satisfaction!, 'zh') : null),
      });
    }
  }
}

/** The story's dates: as drawn, and for a dissatisfied case the reopening the workflow gives it (a second answer 45 days on, its feedback 14 days later). */
function storyDates(draft: Draft, drawn: { assignedOn: string; answeredOn: string; finalAnswer: string; reopened: boolean; feedbackOn: string; closedOn: string }): CaseDates {
  const { assignedOn, answeredOn, finalAnswer, feedbackOn, closedOn } = drawn;
  const dates = { submittedOn: draft.submittedOn, assignedOn, feedbackOn, closedOn };
  if (drawn.reopened) return { ...dates, answers: [answeredOn, finalAnswer], reopenedOn: addDays(answeredOn, 20) };
  if (draft.dissatisfied) {
    const second = addDays(feedbackOn, 45);
    return { ...dates, answers: [answeredOn, second], reopenedOn: feedbackOn, feedbackOn: addDays(second, 14) };
  }
  return { ...dates, answers: [answeredOn], reopenedOn: null };
}

/** How far the case goes, and the deputy's last word: a reopened case ends basically satisfied, a dissatisfied one closes dissatisfied. */
function courseOf(draft: Draft, reopened: boolean, drawn: Satisfaction | null): CaseCourse {
  const satisfaction = draft.dissatisfied ? 'DISSATISFIED' : reopened ? 'BASICALLY_SATISFIED' : drawn;
  return { answered: draft.plan !== 'STALLED', fedBack: draft.plan === 'FEEDBACK' || draft.plan === 'CLOSED', closed: draft.plan === 'CLOSED', satisfaction };
}

/** The lead unit's answer, as its letter would put it. */
function answerText(title: string, category: AnswerCategory): string {
  const subject = title.replace(/^关于/, '').replace(/的建议$/, '');
  const done = { SOLVED: '已办理解决，并向代表当面反馈', PLANNED: '已列入本年度工作计划，分步实施', EXPLAINED: '受资金和政策条件所限，暂难实施，已向代表说明情况' }[category];
  return `关于“${subject}”的建议，经研究，${done}。`;
}

/** The county whose suggestions carry their history in the demo (镇平县). */
const historyCounty = '411324';

/** The standing committee's leaders who answer for key-supervised cases (by turn: no random draw, so the figures stay). */
const supervisingLeaders = ['常委会主任', '常委会副主任（分管城建）', '常委会副主任（分管农业农村）', '常委会副主任（分管教科文卫）'];

/** Who the demo's steps are recorded as taken by (the secretariat; demo accounts are not its staff). */
const secretariat = '人大常委会办公室（演示数据）';
