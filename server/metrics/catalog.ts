/**
 * The metrics catalog: every metric of DOMAIN.md, one declaration each, with the parts it divides.
 * Adding a metric is one more declaration here (and a part, if it counts something new): the facts,
 * the triggers that keep them fresh, the API and the console all follow from this list.
 *
 * Attribution: a seat counts in the region whose congress elected it, a record in the region it names;
 * a region's value covers its whole subtree (the facts roll every region up into its ancestors).
 */
import { oathActions } from '../../schema/shared/enums.js';
import { raw, sql } from '../sql/sql.js';
import { appointingLevels, decidedAt, levelsText } from './appointing-levels.js';
import { aggregatePart, defineMetric, definePart, everywhere, type Metric, type Part, type PartRows } from './metric.js';
import { liveRow } from './live.js';
import { dayNumber, inWindow, occurrences, wholeYears } from './windows.js';

/**
 * Each seat active at a window's end (`d`), with what the seat parts ask of it: its holder's gender,
 * ethnicity and birth date (also as a dayNumber, `born_day`), its station assignments' spans (`spans`), the
 * windows in which it took part in an activity at a station (`entered`), the window of each activity it took part
 * in (`took`, one element per participation, in order) and the windows in which its holder was trained
 * (`trained`). Gathered per seat first (2.7 million nationally, each joined by hash within the scope), then spread over the windows
 * (15.6 million seat-years): an `exists` per seat and year probed indexes 15 million times, and joining per
 * seat-year cost four times as much.
 */
const activeSeatRows: PartRows = {
  reads: ['deputy', 'person', 'station_assignment', 'activity_participant', 'activity', 'training_participant', 'training'],
  region: 'd.region_id',
  from: (scope) => {
    // The seats' own records, within the scope (a full build reads them all; live seats, as the index of
    // seats by region holds them); each record's seat or holder is checked live once, as the seat's.
    const ofScopedSeats = (column: string) => (scope === everywhere ? raw('') : sql`and ${raw(column)} in (select sd.id from deputy sd where sd.deleted_at is null and ${scope('sd.region_id')})`);
    const ofScopedHolders = (column: string) =>
      scope === everywhere ? raw('') : sql`and ${raw(column)} in (select sd.person_id from deputy sd where sd.deleted_at is null and ${scope('sd.region_id')})`;
    return sql`from (select d.id, d.region_id, d.elected_on, d.ended_on, d.composition, p.gender, p.ethnicity, p.birth_date, ${raw(dayNumber('p.birth_date'))} as born_day,
        assigned.spans, participated.entered, participated.took, trained.windows as trained
      from deputy d join person p on p.id = d.person_id and ${raw(liveRow('person', 'p'))}
      -- Ordered, so aggregated over sorted rows: hashed, the spans of 2.6 million seats spilled to disk in 65 batches.
      left join (select sa.deputy_id, range_agg(daterange(sa.starts_on, sa.ends_on, '[)') order by sa.starts_on) as spans
        from station_assignment sa
        where ${raw(liveRow('station_assignment', 'sa', ['deputy']))} and (sa.ends_on is null or sa.ends_on > sa.starts_on) ${ofScopedSeats('sa.deputy_id')}
        group by sa.deputy_id) assigned on assigned.deputy_id = d.id
      left join (select ap.deputy_id, array_agg(distinct w.year) filter (where a.station_id is not null) as entered, array_agg(w.year order by w.year) as took
        from activity_participant ap join activity a on a.id = ap.activity_id and ${raw(liveRow('activity', 'a'))} join w on ${inWindow('a.held_on', scope)}
        where ${raw(liveRow('activity_participant', 'ap', ['deputy', 'activity']))} ${ofScopedSeats('ap.deputy_id')}
        group by ap.deputy_id) participated on participated.deputy_id = d.id
      left join (select tp.person_id, array_agg(distinct w.year) as windows
        from training_participant tp join training tr on tr.id = tp.training_id and ${raw(liveRow('training', 'tr'))} join w on ${inWindow('tr.starts_on', scope)}
        where ${raw(liveRow('training_participant', 'tp', ['person', 'training']))} ${ofScopedHolders('tp.person_id')}
        group by tp.person_id) trained on trained.person_id = d.person_id
      where ${raw(liveRow('deputy', 'd', ['person']))} and ${scope('d.region_id')} offset 0) d
      -- A seat is active from its election up to (not including) the day it ends.
      join w on d.elected_on <= w.ends and (d.ended_on is null or d.ended_on > w.ends)`;
  },
};

type SeatOptions = { combine?: Part['combine'] };

/** Active seats at each window's end that meet a condition on the seat `d` (activeSeatRows). */
const seats = (key: string, condition: string | null, { combine = 'end' }: SeatOptions = {}): Part =>
  aggregatePart({ key, combine }, activeSeatRows, condition ? `count(*) filter (where ${condition})` : 'count(*)');

const activeSeats = seats('seats', null);

/** Live records of `table` (alias `t`) whose date column falls in the window. */
const datedRows = (table: string, dateColumn: string): PartRows => ({
  reads: [table],
  region: 't.region_id',
  from: (scope) => sql`from ${raw(table)} t join w on ${inWindow(`t.${dateColumn}`, scope)} where ${raw(liveRow(table, 't'))} and ${scope('t.region_id')}`,
});

/** Records of dated rows (alias `t`) that meet a condition: count or the sum of `value`. */
const dated = (key: string, rows: PartRows, options: { where?: string; value?: string } = {}): Part => {
  const value = options.value ?? 'count(*)';
  return aggregatePart({ key, combine: 'sum' }, rows, options.where ? `${value} filter (where ${options.where})` : value);
};

/** Live funding allocations of the fiscal years each window covers. */
const fundingRows: PartRows = {
  reads: ['funding_allocation'],
  region: 't.region_id',
  from: (scope) =>
    sql`from funding_allocation t join w on t.fiscal_year between extract(year from w.starts) and extract(year from w.ends)
      where ${raw(liveRow('funding_allocation', 't'))} and ${scope('t.region_id')}`,
};

/** Funding allocations of the fiscal years the window covers. */
const funding = (key: string, value: string, where?: string): Part => aggregatePart({ key, combine: 'sum' }, fundingRows, where ? `${value} filter (where ${where})` : value);

/** Live groups that existed at each window's end: founded by then (or undated), not yet dissolved on that day. */
const activeGroupRows: PartRows = {
  reads: ['deputy_group'],
  region: 'g.region_id',
  from: (scope) =>
    sql`from deputy_group g join w on (g.founded_on is null or g.founded_on <= w.ends) and (g.dissolved_on is null or g.dissolved_on > w.ends)
        where ${raw(liveRow('deputy_group', 'g'))} and ${scope('g.region_id')}`,
};

/** Groups of a kind that existed at the window's end. */
const groupsOfKind = (kind: string): Part => aggregatePart({ key: `groups${kind}`, combine: 'end' }, activeGroupRows, `count(*) filter (where g.kind = '${kind}')`);

const stations = definePart({
  key: 'stations',
  combine: 'end',
  reads: ['liaison_station'],
  query: (scope) => sql`
    select s.region_id, w.year, count(*)::numeric as value
    from liaison_station s join w on s.established_on is null or s.established_on <= w.ends
    where ${raw(liveRow('liaison_station', 's'))} and ${scope('s.region_id')}
    group by 1, 2`,
});

/**
 * Participations in activities in the window by the seats active at its end — the same seats as the
 * denominator (activitiesPerDeputy), so a seat that ended during the year counts in neither. Over a period, the
 * participations of the whole period by the seats active at its end: not a sum of years, so `distinct`.
 */
const participations = aggregatePart({ key: 'participations', combine: 'distinct' }, activeSeatRows, `coalesce(sum(${occurrences('w.year', 'd.took')}), 0)`);

/** Appointments decided by the bodies the 任免 metrics count (appointing-levels.ts). */
const byStandingCommittee = decidedAt(appointingLevels.appointments);
/** Appointments whose appointee swears the oath: those of every congress and standing committee. */
const bySwearingBody = decidedAt(appointingLevels.oathCoverage);
/** Active seats that took part in an activity at a station in the window. */
const seatsEntered = seats('seatsEntered', 'w.year = any(d.entered)', { combine: 'distinct' });

const appointmentRows = datedRows('appointment', 'decision_date');
const appointmentsDecided = (key: string, where?: string) => dated(key, appointmentRows, { where: where ? `${byStandingCommittee} and ${where}` : byStandingCommittee });
const suggestionRows = datedRows('suggestion', 'submitted_on');
const submitted = (key: string, where?: string) => dated(key, suggestionRows, { where });
const assigned = submitted('suggestionsAssigned', 't.assigned_on is not null');
/** Today in China, where the offices keep their calendar: a stock of what is late is taken no later than today. */
const todayInChina = `(now() at time zone 'Asia/Shanghai')::date`;
/** The day a window's stock of late handlings is taken: its end, or today if the window has not ended. */
const lateOn = `least(w.ends, ${todayInChina})`;
/**
 * The handling `h` of the suggestion `s` is past its due date and not answered on that day, its case not closed
 * by then: the handler home's rule of what is owed (schema/shared/handling-tasks.ts owingStates) taken on a past
 * day — each unit's own answer (the lead's, or a co-handler's opinion) discharges its handling, the case's end all.
 */
const lateInWindow = `h.due_on < ${lateOn} and h.assigned_on <= ${lateOn} and (h.answered_on is null or h.answered_on > ${lateOn}) and (s.status <> 'CLOSED' or s.closed_on > ${lateOn})`;

/**
 * Live handlings with a due date whose suggestion is live and still open to an answer, each in the windows in
 * which it was answered or at whose end (or today) it was late. Attributed to the suggestion's region. The
 * notices the daily deadline scan writes are read for their marking alone: a handling becomes late by the
 * calendar, not by a write, and the scan's OVERDUE notice that day is the write that marks its region stale.
 */
const handlingRows: PartRows = {
  reads: ['suggestion_handling', 'suggestion', 'deadline_notice'],
  region: 's.region_id',
  from: (scope) => sql`from suggestion_handling h
    join suggestion s on s.id = h.suggestion_id and ${raw(liveRow('suggestion', 's'))} and s.status not in ('REJECTED', 'MERGED')
    join w on h.answered_on between w.starts and w.ends or (${raw(lateInWindow)})
    where ${raw(liveRow('suggestion_handling', 'h', ['suggestion']))} and h.due_on is not null and ${scope('s.region_id')}`,
};
const answeredInWindow = 'h.answered_on between w.starts and w.ends';
const handlingsAnswered = aggregatePart({ key: 'handlingsAnswered', combine: 'sum' }, handlingRows, `count(*) filter (where ${answeredInWindow})`);
const handlingsAnsweredOnTime = aggregatePart({ key: 'handlingsAnsweredOnTime', combine: 'sum' }, handlingRows, `count(*) filter (where ${answeredInWindow} and h.answered_on <= h.due_on)`);
const handlingsOverdue = aggregatePart({ key: 'handlingsOverdue', combine: 'end' }, handlingRows, `count(*) filter (where ${lateInWindow})`);
/** The days the late handlings are past their due date on the day their stock is taken (a day after it: 1). */
const handlingsDaysOverdue = aggregatePart({ key: 'handlingsDaysOverdue', combine: 'end' }, handlingRows, `sum(${lateOn} - h.due_on) filter (where ${lateInWindow})`);

const oathTaking = `t.action in (${[...oathActions].map((action) => `'${action}'`).join(', ')})`;

const seatsWithBirthDate = seats('seatsWithBirthDate', 'd.birth_date is not null');
/** Each holder's age in whole years at the window's end (as `age` counts them: dayNumber), summed. */
const ageTotal = aggregatePart({ key: 'ageTotal', combine: 'end' }, activeSeatRows, `sum(${wholeYears('w.ends_day', 'd.born_day')}) filter (where d.birth_date is not null)`);

const metric = (
  key: string,
  kind: Metric['kind'],
  [labelZh, labelEn]: [string, string],
  [unitZh, unitEn]: [string, string],
  higherIsBetter: boolean | null,
  [descriptionZh, descriptionEn]: [string, string],
  numerator: Part,
  denominator?: Part,
): Metric => defineMetric({ key, kind, labelZh, labelEn, unitZh, unitEn, higherIsBetter, descriptionZh, descriptionEn, numerator, denominator });

const percent: [string, string] = ['%', '%'];

export const metricCatalog: readonly Metric[] = [
  metric('deputies', 'STOCK', ['代表人数', 'Deputies'], ['人', 'seats'], null, ['年末在任的各级代表席位', 'Active deputy seats of all levels on 31 December'], activeSeats),
  metric(
    'stations',
    'STOCK',
    ['联络站数', 'Liaison stations'],
    ['个', 'stations'],
    true,
    ['年末已建成的各类联络站（点、室、家）', 'Liaison stations of every kind established by 31 December'],
    stations,
  ),
  metric('deputiesPerStation', 'RATE', ['站均代表数', 'Deputies per station'], ['人/站', 'per station'], null, ['代表人数 ÷ 联络站数', 'Deputies / stations'], activeSeats, stations),
  metric(
    'assignmentRate',
    'RATE',
    ['代表编组率', 'Assignment rate'],
    percent,
    true,
    ['年末有在站编组的在任席位 ÷ 代表人数', 'Active seats with an active station assignment / deputies'],
    seats('seatsAssigned', 'd.spans @> w.ends'),
    activeSeats,
  ),
  metric(
    'stationEntryRate',
    'RATE',
    ['代表进站率', 'Station entry rate'],
    percent,
    true,
    ['期内至少参加过一次站点活动的在任席位 ÷ 代表人数', 'Active seats that took part in at least one activity at a station in the year or period / deputies'],
    seatsEntered,
    activeSeats,
  ),
  metric(
    'activitiesPerDeputy',
    'RATE',
    ['人均履职活动', 'Activities per deputy'],
    ['次/人', 'per deputy'],
    true,
    ['年末（期末）在任席位期内参加活动人次 ÷ 代表人数（同为年末在任席位）', 'Activity participations in the year (period) by the seats active at its end / deputies (the same seats)'],
    participations,
    activeSeats,
  ),
  metric(
    'votersReceived',
    'FLOW',
    ['接待选民人次', 'Voters received'],
    ['人次', 'visits'],
    true,
    ['按活动日期合计的接待选民人次', 'Sum of voters received, by activity date'],
    dated('votersReceived', datedRows('activity', 'held_on'), { value: 'sum(t.voters_received)' }),
  ),
  metric(
    'groupsRegional',
    'STOCK',
    ['地域型代表小组数', 'Regional groups'],
    ['个', 'groups'],
    true,
    ['年末（期末）存在的地域型代表小组：已成立、未撤销', 'Regional deputy groups that existed on 31 December (the period’s end): founded and not yet dissolved'],
    groupsOfKind('REGIONAL'),
  ),
  metric(
    'groupsProfessional',
    'STOCK',
    ['专业型代表小组数', 'Professional groups'],
    ['个', 'groups'],
    true,
    ['年末（期末）存在的专业型代表小组：已成立、未撤销', 'Professional deputy groups that existed on 31 December (the period’s end): founded and not yet dissolved'],
    groupsOfKind('PROFESSIONAL'),
  ),
  metric(
    'groupsFunctional',
    'STOCK',
    ['功能型代表小组数', 'Functional groups'],
    ['个', 'groups'],
    true,
    ['年末（期末）存在的功能型代表小组：已成立、未撤销', 'Functional deputy groups that existed on 31 December (the period’s end): founded and not yet dissolved'],
    groupsOfKind('FUNCTIONAL'),
  ),
  metric(
    'fundingPerDeputy',
    'RATE',
    ['人均活动经费', 'Activity funding per deputy'],
    ['元/人', 'CNY per deputy'],
    true,
    ['财政年度代表活动经费预算 ÷ 保障人数', 'DEPUTY_ACTIVITY budget of the fiscal year / headcount'],
    funding('deputyFundingBudget', 'sum(t.budgeted)', `t.category = 'DEPUTY_ACTIVITY'`),
    funding('deputyFundingHeadcount', 'sum(t.headcount)', `t.category = 'DEPUTY_ACTIVITY'`),
  ),
  metric(
    'fundingExecutionRate',
    'RATE',
    ['经费执行率', 'Funding execution rate'],
    percent,
    true,
    ['财政年度各类经费已拨付 ÷ 预算', 'Disbursed / budgeted over all categories of the fiscal year'],
    funding('fundingDisbursed', 'sum(t.disbursed)'),
    funding('fundingBudgeted', 'sum(t.budgeted)'),
  ),
  metric('suggestions', 'FLOW', ['建议件数', 'Suggestions'], ['件', 'suggestions'], null, ['按提出日期统计的代表建议', 'Suggestions by submission date'], submitted('suggestions')),
  metric(
    'answerRate',
    'RATE',
    ['答复率', 'Answer rate'],
    percent,
    true,
    ['期内提出的建议中，已答复 ÷ 已交办', 'Of the suggestions submitted in the year: answered / assigned'],
    submitted('suggestionsAnswered', `t.assigned_on is not null and t.status in ('ANSWERED', 'FEEDBACK', 'CLOSED')`),
    assigned,
  ),
  metric(
    'satisfactionRate',
    'RATE',
    ['满意率', 'Satisfaction rate'],
    percent,
    true,
    ['期内提出的建议中，满意和基本满意 ÷ 已反馈', 'Of the suggestions submitted in the year: satisfied or basically satisfied / feedback given'],
    submitted('suggestionsSatisfied', `t.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')`),
    submitted('suggestionsWithFeedback', 't.satisfaction is not null'),
  ),
  metric(
    'closureRate',
    'RATE',
    ['办结率', 'Closure rate'],
    percent,
    true,
    ['期内提出的建议中，已办结 ÷ 已交办', 'Of the suggestions submitted in the year: closed / assigned'],
    submitted('suggestionsClosed', `t.assigned_on is not null and t.status = 'CLOSED'`),
    assigned,
  ),
  metric(
    'onTimeAnswerRate',
    'RATE',
    ['按期答复率', 'On-time answer rate'],
    percent,
    true,
    ['期内答复的承办中，在答复期限内答复 ÷ 已答复', 'Of the handlings answered in the year: answered by their due date / answered'],
    handlingsAnsweredOnTime,
    handlingsAnswered,
  ),
  metric(
    'overdue',
    'STOCK',
    ['超期未答复', 'Overdue handlings'],
    ['件', 'handlings'],
    false,
    ['年末（本年为今天）已过答复期限仍未答复的承办', 'Handlings past their due date and not answered on 31 December (today, for the current year)'],
    handlingsOverdue,
  ),
  metric(
    'daysOverdue',
    'STOCK',
    ['平均超期天数', 'Average days overdue'],
    ['天', 'days'],
    false,
    [
      '年末（本年为今天）已过答复期限仍未答复的承办，平均超过期限的天数：超期天数之和 ÷ 超期未答复件数；无超期承办时无数据',
      'Of the handlings past their due date and not answered on 31 December (today, for the current year), the mean number of days past it: days overdue summed / overdue handlings; no data when none is overdue',
    ],
    handlingsDaysOverdue,
    handlingsOverdue,
  ),
  metric(
    'appointments',
    'FLOW',
    ['任免人次', 'Appointments'],
    ['人次', 'actions'],
    null,
    [
      `按决定日期统计的${levelsText(appointingLevels.appointments, 'zh')}人大及其常委会的任免`,
      `Appointment actions decided by the ${levelsText(appointingLevels.appointments, 'en')} congresses and their standing committees, by decision date`,
    ],
    appointmentsDecided('appointments'),
  ),
  metric(
    'oathCoverage',
    'RATE',
    ['宣誓率', 'Oath coverage'],
    percent,
    true,
    [
      `期内${levelsText(appointingLevels.oathCoverage, 'zh')}人大及其常委会选举、任命的人员中，已宣誓 ÷ 应宣誓`,
      `Of those elected or appointed in the year by the ${levelsText(appointingLevels.oathCoverage, 'en')} congresses and their standing committees: oaths / appointments requiring one`,
    ],
    definePart({
      key: 'oaths',
      combine: 'sum',
      reads: ['oath', 'appointment'],
      query: (scope) => sql`
        select t.region_id, w.year, count(*)::numeric as value
        from oath o join appointment t on t.id = o.appointment_id and ${raw(liveRow('appointment', 't'))}
        join w on ${inWindow('t.decision_date', scope)}
        where ${raw(liveRow('oath', 'o'))} and ${raw(`${bySwearingBody} and ${oathTaking}`)} and ${scope('t.region_id')}
        group by 1, 2`,
    }),
    dated('appointmentsTakingOath', appointmentRows, { where: `${bySwearingBody} and ${oathTaking}` }),
  ),
  metric(
    'examPassRate',
    'RATE',
    ['法律考试通过率', 'Law exam pass rate'],
    percent,
    true,
    ['期内决定的任免中，考试合格 ÷ 参加考试', 'Of the appointments decided in the year: passed / exams taken'],
    appointmentsDecided('examsPassed', 't.exam_taken and t.exam_passed'),
    appointmentsDecided('examsTaken', 't.exam_taken'),
  ),
  metric(
    'trainingCoverage',
    'RATE',
    ['培训覆盖率', 'Training coverage'],
    percent,
    true,
    ['期内至少参加过一次培训的在任席位 ÷ 代表人数', 'Active seats whose holder was trained at least once in the year / deputies'],
    seats('seatsTrained', 'w.year = any(d.trained)', { combine: 'distinct' }),
    activeSeats,
  ),
  metric(
    'femaleShare',
    'RATE',
    ['妇女代表比例', 'Share of women'],
    percent,
    null,
    ['在任席位中女性所占比例', 'Share of active seats held by women'],
    seats('seatsFemale', `d.gender = 'FEMALE'`),
    activeSeats,
  ),
  metric(
    'minorityShare',
    'RATE',
    ['少数民族代表比例', 'Share of ethnic minorities'],
    percent,
    null,
    ['在任席位中少数民族所占比例', 'Share of active seats held by ethnic minorities'],
    seats('seatsMinority', `d.ethnicity <> 'HAN'`),
    activeSeats,
  ),
  metric(
    'frontlineShare',
    'RATE',
    ['一线工人农民代表比例', 'Share of workers and farmers'],
    percent,
    true,
    ['在任席位中工人、农民所占比例（代表结构）', 'Share of active seats in the worker and farmer categories'],
    seats('seatsFrontline', `d.composition in ('WORKER', 'FARMER')`),
    activeSeats,
  ),
  metric('averageAge', 'STOCK', ['平均年龄', 'Average age'], ['岁', 'years'], null, ['年末在任席位持有人的平均周岁', 'Mean age of active seats’ holders on 31 December'], ageTotal, seatsWithBirthDate),
];

/** Every distinct part of the catalog, in a stable order: its position is its slot in a facts row. */
export function partsOf(metrics: readonly Metric[]): Part[] {
  const parts = new Map<string, Part>();
  for (const item of metrics) {
    for (const part of [item.numerator, item.denominator]) {
      if (!part) continue;
      const known = parts.get(part.key);
      if (known && known !== part && known.query !== part.query) throw new Error(`two different metric parts are named ${part.key}`);
      parts.set(part.key, part);
    }
  }
  return [...parts.values()];
}
