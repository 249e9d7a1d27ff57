/**
 * Appointments (任免) of a county's congress and standing committee since the 2021 elections: elections
 * at congress sessions (some at township congresses), appointments, decisions, removals, accepted
 * resignations and dismissals at the standing committee's bimonthly meetings. Action and decision date
 * are facts the constitutional oaths below share.
 */
import { day, iso, numeralZh, referenceDay, yearOfDay } from './calendar.js';
import { seatsOf, weightedIndex } from './deputies.js';
import { countyOrganisations, organisationsOfKind } from './organisations.js';
import { type Plan, STREET } from './plan.js';
import { NULL, type RowSink, type TableGenerator, tenths } from './table.js';

export const appointmentActions = ['ELECT', 'APPOINT', 'DECIDE_APPOINT', 'REMOVE', 'ACCEPT_RESIGNATION', 'DISMISS'] as const;
const actionWeights = [0.12, 0.33, 0.15, 0.25, 0.1, 0.05];
export const ELECT = 0;
/** Actions after which the appointee takes the constitutional oath (ELECT, APPOINT, DECIDE_APPOINT). */
export const takesOath = (action: number) => action <= 2;

/** Days between standing committee meetings, and from the election to the first. */
const meetingInterval = 61;
const firstMeetingAfter = 20;

const postsByKind: Record<string, readonly string[]> = {
  GOVERNMENT_DEPT: ['局长', '副局长'],
  SUPERVISORY_COMMISSION: ['副主任', '委员'],
  COURT: ['副院长', '审判委员会委员', '庭长', '审判员'],
  PROCURATORATE: ['副检察长', '检察委员会委员', '检察员'],
  CONGRESS: ['人大常委会委员', '人大常委会法制工作委员会主任', '人大常委会代表工作委员会主任'],
};
const nominators: Record<string, string> = {
  GOVERNMENT_DEPT: '人民政府',
  SUPERVISORY_COMMISSION: '监察委员会主任',
  COURT: '人民法院院长',
  PROCURATORATE: '人民检察院检察长',
  CONGRESS: '人大常委会主任会议',
};
/** Posts the county congress elects: organisation (local index) and title. */
const electedPosts: readonly [number, string][] = [
  [0, '人民政府副'],
  [24, '人大常委会副主任'],
  [21, '监察委员会主任'],
  [22, '人民法院院长'],
  [23, '人民检察院检察长'],
];
const standingCommitteeKinds = ['COURT', 'PROCURATORATE', 'SUPERVISORY_COMMISSION', 'CONGRESS'].flatMap(organisationsOfKind);
const governmentDepartments = organisationsOfKind('GOVERNMENT_DEPT');

export type Appointments = {
  count: number;
  action: Uint8Array;
  decided: Int32Array;
  /** Global township index for an election at a township congress, else −1. */
  township: Int32Array;
};

let cached: { plan: Plan; c: number; appointments: Appointments } | undefined;

export function appointmentsOf(plan: Plan, c: number): Appointments {
  if (cached && cached.plan === plan && cached.c === c) return cached.appointments;
  const random = plan.stream('appointment-facts', c);
  const count = plan.count('appointment', c);
  const facts: Appointments = { count, action: new Uint8Array(count), decided: new Int32Array(count), township: new Int32Array(count) };
  const firstMeeting = plan.electionDay[c] + firstMeetingAfter;
  const meetings = Math.floor((referenceDay - firstMeeting) / meetingInterval) + 1;
  const firstTownship = plan.townshipStart[c];
  const townships = plan.townshipStart[c + 1] - firstTownship;
  for (let i = 0; i < count; i++) {
    const action = weightedIndex(random.next(), actionWeights);
    facts.action[i] = action;
    facts.township[i] = -1;
    if (action === ELECT) {
      // The first session after the election, or a yearly session in January.
      const session = random.int(1, yearOfDay(referenceDay) - 2020);
      facts.decided[i] = session === 1 ? firstMeeting : day(2020 + session, 1, random.int(8, 20));
      const t = firstTownship + random.int(0, townships - 1);
      if (random.chance(0.3) && plan.townshipKind[t] !== STREET) facts.township[i] = t;
    } else {
      facts.decided[i] = firstMeeting + random.int(0, meetings - 1) * meetingInterval;
    }
  }
  cached = { plan, c, appointments: facts };
  return facts;
}

/** The session a decision was taken at: 第十八届人大常委会第十二次会议, 第十八届人民代表大会第三次会议 … */
function sessionName(plan: Plan, c: number, action: number, decided: number, township: number): string {
  const firstMeeting = plan.electionDay[c] + firstMeetingAfter;
  if (action === ELECT) {
    const session = numeralZh(decided === firstMeeting ? 1 : yearOfDay(decided) - 2020);
    if (township >= 0) return `${plan.townshipName[township]}第${numeralZh(plan.townshipTerm(c))}届人民代表大会第${session}次会议`;
    return `第${numeralZh(plan.countyTerm[c])}届人民代表大会第${session}次会议`;
  }
  const term = numeralZh(plan.countyTerm[c]);
  const meeting = Math.round((decided - firstMeeting) / meetingInterval) + 1;
  return `第${term}届人大常委会第${numeralZh(meeting)}次会议`;
}

export const appointmentRecords: TableGenerator = {
  table: 'appointment',
  columns: [
    'id',
    'appointee_id',
    'action',
    'position_title',
    'organisation_id',
    'region_id',
    'session',
    'decision_date',
    'nominated_by',
    'exam_taken',
    'exam_score',
    'exam_passed',
    'statement_made',
    'certificate_issued',
    'duty_report_received',
    'duty_report_score',
  ],
  bytesPerRow: 420,
  expectedRows: (plan) => plan.total('appointment'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('appointments', c);
    const facts = appointmentsOf(plan, c);
    const seats = seatsOf(plan, c);
    const firstPerson = plan.firstId('person', c);
    const firstOrganisation = plan.firstId('organisation', c);
    const countyName = plan.countyName[c];
    for (let i = 0; i < facts.count; i++) {
      const action = facts.action[i];
      const decided = facts.decided[i];
      const township = facts.township[i];
      let organisation = -1;
      let title: string;
      let nominator: string;
      if (township >= 0) {
        title = `${plan.townshipName[township]}${random.chance(0.5) ? '人大主席' : plan.townshipKind[township] === 1 ? '镇长' : '乡长'}`;
        nominator = `${plan.townshipName[township]}人大主席团`;
      } else if (action === ELECT) {
        const [index, post] = electedPosts[random.int(0, electedPosts.length - 1)];
        organisation = index;
        title = countyName + post + (index === 0 ? plan.headOfGovernment(c) : '');
        nominator = `${countyName}人民代表大会主席团`;
      } else {
        const pool = action === 2 || (action > 2 && random.chance(0.6)) ? governmentDepartments : standingCommitteeKinds;
        organisation = pool[random.int(0, pool.length - 1)];
        const { name, kind } = countyOrganisations[organisation];
        const posts = postsByKind[kind];
        title = countyName + (kind === 'CONGRESS' ? '' : name) + posts[random.int(0, posts.length - 1)];
        nominator = countyName + nominators[kind] + (kind === 'GOVERNMENT_DEPT' ? plan.headOfGovernment(c) : '');
      }
      const appointee = random.chance(0.6) ? seats.firstOfficial + random.int(0, plan.officials[c] - 1) : random.int(0, plan.countySeats[c] - 1);
      const oath = takesOath(action);
      const examTaken = oath && random.chance(0.85);
      const score = examTaken ? random.int(550, 1000) : 0;
      const reported = oath && decided + 365 < referenceDay && random.chance(0.4);
      out.add(
        `${out.nextId()}\t${firstPerson + appointee}\t${appointmentActions[action]}\t${title}\t${organisation >= 0 ? firstOrganisation + organisation : NULL}\t${township >= 0 ? plan.townshipId(township) : plan.countyId(c)}\t${sessionName(plan, c, action, decided, township)}\t${iso(decided)}\t${nominator}\t${examTaken ? 't' : 'f'}\t${examTaken ? tenths(score) : NULL}\t${score >= 600 ? 't' : 'f'}\t${oath && random.chance(0.9) ? 't' : 'f'}\t${oath && action !== ELECT ? (random.chance(0.95) ? 't' : 'f') : 'f'}\t${reported ? 't' : 'f'}\t${reported ? tenths(random.int(700, 980)) : NULL}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Constitutional oaths (宪法宣誓): most appointments whose action takes one (选举、任命、决定任命) were
// sworn — at most one oath each, on the decision day or a few days later, usually collectively at the
// meeting, administered by the standing committee's chair.

/** Share of oath-taking appointments sworn (the 宣誓率 metric is below 100 %). */
const swornShare = 0.85;

export const oaths: TableGenerator = {
  table: 'oath',
  columns: ['id', 'appointment_id', 'sworn_on', 'venue', 'form', 'administrator_id', 'text_version'],
  bytesPerRow: 310,
  expectedRows: (plan) => Math.round(plan.total('appointment') * 0.6 * swornShare),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('oaths', c);
    const facts = appointmentsOf(plan, c);
    const firstAppointment = plan.firstId('appointment', c);
    // The chair of the standing committee: the county's first official.
    const chair = plan.firstId('person', c) + seatsOf(plan, c).firstOfficial;
    for (let i = 0; i < facts.count; i++) {
      const action = facts.action[i];
      if (!takesOath(action) || !random.chance(swornShare)) continue;
      const decided = facts.decided[i];
      const later = decided + random.int(1, 10);
      const sworn = random.chance(0.75) || later > referenceDay ? decided : later;
      const township = facts.township[i];
      const venue = township >= 0 ? `${plan.townshipName[township]}人民代表大会会场` : action === ELECT ? `${plan.countyName[c]}人民代表大会会场` : `${plan.countyName[c]}人大常委会会议室`;
      const form = sworn === decided && random.chance(0.7) ? 'COLLECTIVE' : 'INDIVIDUAL';
      out.add(`${out.nextId()}\t${firstAppointment + i}\t${iso(sworn)}\t${venue}\t${form}\t${township < 0 && random.chance(0.9) ? chair : NULL}\t2018\n`);
    }
  },
};
