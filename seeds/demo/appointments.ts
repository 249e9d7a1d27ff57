/**
 * Appointments (任免) and oaths (宪法宣誓), 2019–2024. Each county's congress and standing committee make
 * exactly the profile's number of actions; 镇平 makes its article's 242 (96 taking an oath, 86 sworn, 79
 * exams) from 2019 to the article's date (2021-09-03) and the profile's after it: the leadership elected
 * at the 2022 first session, by-elections, departments' heads decided, judges and procurators appointed,
 * removals and resignations. Every township congress elects its chair. Where the previous term's leadership
 * is recorded (吉县, whose article describes that term), its elections of 2016–2017 are made too, outside
 * those counts. An oath is sworn only after ELECT / APPOINT / DECIDE_APPOINT, at most once, on or after the
 * decision; several on one day and place make a collective ceremony.
 */
import type { AppointmentAction } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { congressOf, sessionIn, sessions, standingMeetings, type Meeting } from './calendar.js';
import { organisationFor } from './organisations.js';
import { regionOn, validOn } from './predecessors.js';
import { zhenpingArticle } from './article-dates.js';
import { apportion, covers, minDate, quota, referenceDate, score, since, zhNumber } from './shared.js';
import type { County, Leadership, Organisation, Seat, World } from './world.js';

/** Which term: the current one, or the previous one where its leadership is recorded. */
type Which = keyof County['terms'];

type Draft = { action: AppointmentAction; title: string; organisation: Organisation | null; meeting: Meeting; appointee: number; nominatedBy: string; venue: string; fullTime?: boolean };
type Oath = { appointmentId: number; swornOn: string; venue: string; administrator: number };

const headTitle = { COUNTY: '县长', DISTRICT: '区长', COUNTY_CITY: '市长' } as Record<string, string>;
const courtPosts = ['副院长', '审判委员会委员', '审判员', '庭长', '执行局局长'];
const procuratoratePosts = ['副检察长', '检察委员会委员', '检察员'];

export function generateAppointments(world: World, random: Random): void {
  const oaths: Oath[] = [];
  for (const county of world.counties) oaths.push(...countyAppointments(world, random.fork(county.region.code), county));
  for (const county of world.counties) oaths.push(...townshipChairs(world, random.fork(`${county.region.code}:townships`), county));
  for (const county of world.counties) if (county.profile.standingMembers) oaths.push(...standingMembers(world, random.fork(`${county.region.code}:standing`), county, county.profile.standingMembers));
  // The previous term's leadership where it is recorded (吉县), each part on a stream of its own: no other row moves.
  for (const county of world.counties) {
    if (!world.officials.get(county.region.code)!.previous) continue;
    const code = county.region.code;
    oaths.push(...previousChairs(world, county));
    oaths.push(...townshipChairs(world, random.fork(`${code}:townships:previous`), county, 'previous'));
    if (county.profile.standingMembers) oaths.push(...standingMembers(world, random.fork(`${code}:standing:previous`), county, county.profile.standingMembers, 'previous'));
  }
  // Several oaths on one day at one place are one collective ceremony.
  const key = (oath: Oath) => `${oath.administrator}|${oath.swornOn}|${oath.venue}`;
  const ceremonies = new Map<string, number>();
  for (const oath of oaths) ceremonies.set(key(oath), (ceremonies.get(key(oath)) ?? 0) + 1);
  for (const oath of oaths) {
    world.data.add('oath', {
      appointment_id: oath.appointmentId,
      sworn_on: oath.swornOn,
      venue: oath.venue,
      form: ceremonies.get(key(oath))! > 1 ? 'COLLECTIVE' : 'INDIVIDUAL',
      administrator_id: oath.administrator,
      text_version: '2018',
    });
  }
}

type Counts = { total: number; required: number; oaths: number; exams: number; failed: number };

/** The county's actions since 2019: one window to the reference date, or 镇平's two, split at its article's date. */
function countyAppointments(world: World, random: Random, county: County): Oath[] {
  if (county.region.code !== zhenpingArticle.county) return windowAppointments(world, random, county, [since, referenceDate], county.profile.appointments);
  return [
    ...windowAppointments(world, random, county, [since, zhenpingArticle.date], zhenpingArticle.appointments),
    ...windowAppointments(world, random, county, [addDays(zhenpingArticle.date, 1), referenceDate], county.profile.appointments),
  ];
}

/** Exactly `counts` actions decided within `window` (the leadership only if the term's first session falls in it), oaths sworn within it. */
function windowAppointments(world: World, random: Random, county: County, window: [string, string], counts: Counts): Oath[] {
  const { total, required, oaths, exams, failed } = counts;
  const name = county.region.name;
  const head = headTitle[county.region.kind];
  const officials = world.officials.get(county.region.code)!;
  const org = (topic: string) => organisationFor(world, county.region.code, topic);
  const person = (title: string) => world.people.add(random, { county, role: 'OFFICIAL', workplace: title, age: [35, 57] }).id;
  const congress = congressOf(county);
  const inWindow = (meeting: Meeting) => meeting.date >= window[0] && meeting.date <= window[1];
  const meetings = standingMeetings(congress).filter(inWindow);
  const byElections = sessions(congress).filter((meeting) => inWindow(meeting) && !meeting.date.startsWith('2022'));
  const first = sessionIn(congress, 2022);
  const hall = `${name}人民会堂`;
  const room = `${name}人大常委会会议室`;
  const drafts: Draft[] = [];
  const elect = (title: string, topic: string, appointee: number, meeting = first, fullTime = false) =>
    drafts.push({ action: 'ELECT', title, organisation: org(topic), meeting, appointee, nominatedBy: '大会主席团', venue: hall, fullTime });

  // The leadership elected at the first session of the current term, and two by-elections.
  if (inWindow(first)) {
    // The standing committee's chairs work for it full-time.
    elect(`${name}人大常委会主任`, 'congress', officials.chair, first, true);
    for (const vice of officials.viceChairs) elect(`${name}人大常委会副主任`, 'congress', vice, first, true);
    elect(`${name}人民政府${head}`, 'government', person(`${name}人民政府${head}`));
    for (let i = 0; i < 3; i++) elect(`${name}人民政府副${head}`, 'government', person(`${name}人民政府副${head}`));
    elect(`${name}监察委员会主任`, 'supervision', person(`${name}监察委员会主任`));
    elect(`${name}人民法院院长`, 'court', person(`${name}人民法院院长`));
    elect(`${name}人民检察院检察长`, 'procuratorate', person(`${name}人民检察院检察长`));
  }
  for (let i = 0; i < 2; i++) elect(`${name}人民政府副${head}`, 'government', person(`${name}人民政府副${head}`), random.pick(byElections));

  // Appointments by the standing committee: departments' heads decided, judges, procurators and commissioners appointed.
  const [decided, appointed] = apportion(required - drafts.length, [1, 1]);
  const departments = (world.organisations.get(county.region.code) ?? []).filter((o) => o.kind === 'GOVERNMENT_DEPT' && o.topic !== 'government');
  for (let i = 0; i < decided; i++) {
    const department = random.pick(departments);
    const title = `${department.name}${department.topic === 'office' ? '主任' : '局长'}`;
    drafts.push({ action: 'DECIDE_APPOINT', title, organisation: department, meeting: random.pick(meetings), appointee: person(title), nominatedBy: `${name}人民政府${head}`, venue: room });
  }
  for (let i = 0; i < appointed; i++) {
    const topic = random.weighted({ court: 5, procuratorate: 3, supervision: 1, congress: 1 });
    const organisation = org(topic);
    const post = topic === 'court' ? random.pick(courtPosts) : topic === 'procuratorate' ? random.pick(procuratoratePosts) : topic === 'supervision' ? random.pick(['副主任', '委员']) : '副秘书长';
    const nominatedBy = { court: `${name}人民法院院长`, procuratorate: `${name}人民检察院检察长`, supervision: `${name}监察委员会主任`, congress: `${name}人大常委会主任会议` }[topic];
    const title = `${organisation.name}${post}`;
    drafts.push({ action: 'APPOINT', title, organisation, meeting: random.pick(meetings), appointee: person(title), nominatedBy, venue: room });
  }

  // Removals, accepted resignations and dismissals: often of someone appointed earlier in the period.
  const rest = total - required;
  const [resignations, dismissals] = [Math.round(rest * 0.12), Math.max(1, Math.round(rest * 0.02))];
  const earlier = drafts.filter((draft) => draft.action !== 'ELECT').slice();
  for (let i = 0; i < rest; i++) {
    const action: AppointmentAction = i < resignations ? 'ACCEPT_RESIGNATION' : i < resignations + dismissals ? 'DISMISS' : 'REMOVE';
    const meeting = random.pick(meetings);
    const before = earlier.filter((draft) => draft.meeting.date < meeting.date);
    const previous = random.chance(0.5) && before.length ? random.pick(before) : undefined;
    const department = random.pick(departments);
    const title = previous?.title ?? `${department.name}局长`;
    const appointee = previous?.appointee ?? person(title);
    drafts.push({ action, title, organisation: previous?.organisation ?? department, meeting, appointee, nominatedBy: previous?.nominatedBy ?? `${name}人民政府${head}`, venue: room });
  }
  drafts.sort((a, b) => (a.meeting.date < b.meeting.date ? -1 : a.meeting.date > b.meeting.date ? 1 : 0));

  // Exact quotas: who sat the exam (and failed), who has not (yet) sworn the oath.
  const examinable = drafts.flatMap((draft, index) => (draft.action === 'APPOINT' || draft.action === 'DECIDE_APPOINT' ? [index] : []));
  const examined = new Set([...quota(random, examinable.length, Math.min(exams, examinable.length))].map((index) => examinable[index]));
  const failing = new Set(random.sample([...examined], failed));
  const unsworn = new Set([...quota(random, examinable.length, required - oaths)].map((index) => examinable[index]));
  const sworn: Oath[] = [];
  drafts.forEach((draft, index) => {
    const oath = draft.action === 'ELECT' || draft.action === 'APPOINT' || draft.action === 'DECIDE_APPOINT';
    const taken = examined.has(index);
    const id = world.data.add('appointment', {
      appointee_id: draft.appointee,
      action: draft.action,
      position_title: draft.title,
      organisation_id: draft.organisation?.id ?? null,
      region_id: regionOn(county.region, draft.meeting.date).id,
      session: draft.meeting.name,
      decision_date: draft.meeting.date,
      nominated_by: draft.nominatedBy,
      full_time: draft.fullTime ?? false,
      exam_taken: taken,
      exam_score: taken ? score(failing.has(index) ? 45 + random.next() * 14 : 70 + random.next() * 29) : null,
      exam_passed: taken && !failing.has(index),
      statement_made: oath && draft.action !== 'ELECT' && random.chance(0.85),
      certificate_issued: draft.action === 'APPOINT' || draft.action === 'DECIDE_APPOINT',
      duty_report_received: oath && draft.meeting.date < '2024-01-01' && random.chance(0.6),
      duty_report_score: null,
    });
    const row = world.data.rows('appointment')[id - 1];
    if (row.duty_report_received) row.duty_report_score = score(76 + random.next() * 22);
    if (oath && !unsworn.has(index)) {
      const later = random.chance(0.15) ? random.int(1, 3) : 0;
      const administrator = draft.appointee === officials.chair ? (officials.viceChairs[0] ?? officials.chair) : officials.chair;
      const swornOn = minDate(addDays(draft.meeting.date, later), window[1]);
      sworn.push({ appointmentId: id, swornOn, venue: swornOn > draft.meeting.date ? `${name}人大常委会机关会议室` : draft.venue, administrator });
    }
  });
  return sworn;
}

/** The term's leaders: the current term's, or the previous term's where they are recorded. */
function leadershipOf(world: World, county: County, term: Which): Leadership {
  const officials = world.officials.get(county.region.code)!;
  return term === 'current' ? officials : officials.previous!;
}

/** An election by a congress at its session (nominated by its presidium, no exam): the appointment's row, its id. */
function congressElection(
  world: World,
  election: { appointee: number; title: string; organisationId: number | null; regionId: number; session: string; date: string; fullTime: boolean; statementMade: boolean },
): number {
  return world.data.add('appointment', {
    appointee_id: election.appointee,
    action: 'ELECT',
    position_title: election.title,
    organisation_id: election.organisationId,
    region_id: election.regionId,
    session: election.session,
    decision_date: election.date,
    nominated_by: '大会主席团',
    full_time: election.fullTime,
    exam_taken: false,
    exam_score: null,
    exam_passed: false,
    statement_made: election.statementMade,
    certificate_issued: false,
    duty_report_received: false,
    duty_report_score: null,
  });
}

/** Every township congress elects its chair (人大主席) at the first session of the term (the current one, or the previous where recorded); the chair swears the oath there. */
function townshipChairs(world: World, random: Random, county: County, term: Which = 'current'): Oath[] {
  const leadership = leadershipOf(world, county, term);
  const townshipTerm = county.townshipTerm - (term === 'current' ? 0 : 1);
  return county.congressTownships.flatMap((township) => {
    const date = addDays(county.terms[term].electionDay, random.int(8, 25));
    // On the township as it was then (a predecessor); a township gone by then (吉县's 东城乡 in 2021) has no congress to elect one.
    const region = regionOn(township, date);
    if (!validOn(region, date)) return [];
    const id = congressElection(world, {
      appointee: leadership.townshipChairs.get(township.code)!,
      title: `${township.name}人大主席`,
      organisationId: null,
      regionId: region.id,
      session: `${township.name}第${zhNumber(townshipTerm)}届人民代表大会第一次会议`,
      date,
      fullTime: false,
      statementMade: true,
    });
    return [{ appointmentId: id, swornOn: date, venue: `${township.name}人民代表大会会场`, administrator: leadership.chair }];
  });
}

/**
 * The standing committee's members (委员) besides its chairs, elected at the term's first session where an
 * article gives them (吉县's 18 full-time: with its chair and vice chairs, the township chairs, the office's
 * director and the first working committees' heads), the part-time ones from the county's other deputies of the
 * term. On their own stream and outside the profile's counts of actions: no other row moves. Each swears the oath there.
 */
function standingMembers(world: World, random: Random, county: County, members: { fullTime: number; partTime: number }, term: Which = 'current'): Oath[] {
  const name = county.region.name;
  const current = term === 'current';
  const officials = leadershipOf(world, county, term);
  const first = sessionIn(congressOf(county), current ? 2022 : 2017);
  const director = world.people.add(random, { county, role: 'OFFICIAL', workplace: `${current ? '' : '原'}${name}人大常委会办公室主任`, age: current ? [42, 56] : [50, 64] }).id;
  // The chairs of the townships that have a congress on the day (吉县's 东城乡 was gone by the 2021 换届), then the others.
  const chairs = county.congressTownships.filter((township) => validOn(regionOn(township, first.date), first.date)).map((township) => officials.townshipChairs.get(township.code)!);
  const fullTime = [...chairs, director, ...officials.committees.values()].slice(0, members.fullTime);
  if (fullTime.length < members.fullTime) throw new Error(`${name}: ${fullTime.length} officials for ${members.fullTime} full-time members`);
  const leaders = new Set([officials.chair, ...officials.viceChairs, ...officials.committees.values(), ...officials.townshipChairs.values()]);
  const ofTerm = (seat: Seat) => (current ? seat.current && seat.electedOn <= first.date : !seat.current && covers(seat.electedOn, seat.endedOn, first.date));
  const deputies = world.seats.filter((seat) => seat.county === county && seat.level === 'COUNTY' && ofTerm(seat) && !leaders.has(seat.personId));
  const partTime = random.sample(deputies, members.partTime).map((seat) => seat.personId);
  return [...fullTime.map((person) => [person, true] as const), ...partTime.map((person) => [person, false] as const)].map(([person, full]) => {
    const id = congressElection(world, {
      appointee: person,
      title: `${name}人大常委会委员`,
      organisationId: organisationFor(world, county.region.code, 'congress').id,
      regionId: regionOn(county.region, first.date).id,
      session: first.name,
      date: first.date,
      fullTime: full,
      statementMade: false,
    });
    return { appointmentId: id, swornOn: first.date, venue: `${name}人民会堂`, administrator: officials.chair };
  });
}

/**
 * The previous term's chair and vice chairs where they are recorded (吉县), elected full-time at its first session
 * (2017) as the current term's are in theirs; outside the profile's 2019–2024 counts of actions. No draw: no stream moves.
 */
function previousChairs(world: World, county: County): Oath[] {
  const name = county.region.name;
  const leadership = leadershipOf(world, county, 'previous');
  const first = sessionIn(congressOf(county), 2017);
  const elected: [number, string][] = [[leadership.chair, `${name}人大常委会主任`], ...leadership.viceChairs.map((vice): [number, string] => [vice, `${name}人大常委会副主任`])];
  return elected.map(([appointee, title]) => {
    const id = congressElection(world, {
      appointee,
      title,
      organisationId: organisationFor(world, county.region.code, 'congress').id,
      regionId: regionOn(county.region, first.date).id,
      session: first.name,
      date: first.date,
      fullTime: true,
      statementMade: false,
    });
    // The chair is sworn in by the first vice chair, the others by the chair (as in the current term).
    const administrator = appointee === leadership.chair ? (leadership.viceChairs[0] ?? leadership.chair) : leadership.chair;
    return { appointmentId: id, swornOn: first.date, venue: `${name}人民会堂`, administrator };
  });
}
