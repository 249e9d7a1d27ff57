/**
 * Activities (履职活动) of a county since the 2022 term began: voter receptions and reports to voters at
 * stations, trainings, inspections and research, group activities, sitting in on the standing committee.
 * Their kind, place, date and number of participants are facts; the participants below are drawn from them.
 */
import { day, iso, referenceDay } from './calendar.js';
import { seatActiveOn, seatsOf, weightedIndex } from './deputies.js';
import { groupsOf, PROFESSIONAL } from './groups.js';
import { suggestionTopics } from './names.js';
import type { Plan } from './plan.js';
import { homeOf, stationsOf } from './stations.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';

export const activityKinds = ['VOTER_RECEPTION', 'INSPECTION', 'RESEARCH', 'LAW_ENFORCEMENT_CHECK', 'TRAINING', 'ATTEND_SESSION', 'REPORT_TO_VOTERS', 'GROUP_ACTIVITY', 'OTHER'] as const;
const kindWeights = [0.3, 0.1, 0.1, 0.04, 0.1, 0.06, 0.1, 0.12, 0.08];
export const VOTER_RECEPTION = 0;
export const REPORT_TO_VOTERS = 6;
export const GROUP_ACTIVITY = 7;
/** Kinds held at a station always, sometimes, or never. */
const atStation = [1, 0, 0, 0, 0.5, 0, 1, 0, 0.5];

const topics = Object.values(suggestionTopics).flat();
const laws = ['《中华人民共和国农产品质量安全法》', '《中华人民共和国道路交通安全法》', '《中华人民共和国义务教育法》', '《中华人民共和国环境保护法》', '《中华人民共和国食品安全法》'];
const firstDay = day(2022, 1, 10);

export type Activities = {
  count: number;
  kind: Uint8Array;
  /** Local station index, or −1. */
  station: Int32Array;
  /** Local group index, or −1. */
  group: Int32Array;
  /** Global township index of where it took place, or −1 for the county as a whole. */
  township: Int32Array;
  held: Int32Array;
  participants: Uint8Array;
};

let cached: { plan: Plan; c: number; activities: Activities } | undefined;

export function activitiesOf(plan: Plan, c: number): Activities {
  if (cached && cached.plan === plan && cached.c === c) return cached.activities;
  const random = plan.stream('activity-facts', c);
  const stations = stationsOf(plan, c);
  const groups = groupsOf(plan, c);
  const count = plan.count('activity', c);
  const activities: Activities = {
    count,
    kind: new Uint8Array(count),
    station: new Int32Array(count),
    group: new Int32Array(count),
    township: new Int32Array(count),
    held: new Int32Array(count),
    participants: new Uint8Array(count),
  };
  for (let a = 0; a < count; a++) {
    const kind = weightedIndex(random.next(), kindWeights);
    let station = -1;
    let group = -1;
    if (kind === GROUP_ACTIVITY) {
      group = random.int(0, groups.count - 1);
      // Township groups meet at their township's home.
      if (groups.kind[group] !== PROFESSIONAL && random.chance(0.6)) station = homeOf(plan, c, groups.township[group]);
    } else if (random.chance(atStation[kind])) {
      station = random.int(0, stations.count - 1);
    }
    activities.kind[a] = kind;
    activities.station[a] = station;
    activities.group[a] = group;
    activities.township[a] = station >= 0 ? stations.township[station] : group >= 0 ? groups.township[group] : -1;
    activities.held[a] = Math.max(firstDay + random.int(0, referenceDay - firstDay), station >= 0 ? stations.established[station] : 0, group >= 0 ? groups.founded[group] : 0);
    activities.participants[a] = random.int(1, 5);
  }
  cached = { plan, c, activities };
  return activities;
}

export const activities: TableGenerator = {
  table: 'activity',
  columns: ['id', 'kind', 'title', 'held_on', 'region_id', 'station_id', 'group_id', 'voters_received', 'issues_collected', 'summary'],
  bytesPerRow: 350,
  expectedRows: (plan) => plan.total('activity'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('activities', c);
    const facts = activitiesOf(plan, c);
    const stations = stationsOf(plan, c);
    const groups = groupsOf(plan, c);
    const firstStation = plan.firstId('liaison_station', c);
    const firstGroup = plan.firstId('deputy_group', c);
    const countyName = plan.countyName[c];
    for (let a = 0; a < facts.count; a++) {
      const kind = facts.kind[a];
      const station = facts.station[a];
      const group = facts.group[a];
      const t = facts.township[a];
      const held = facts.held[a];
      const region = t >= 0 && !(group >= 0 && groups.kind[group] === PROFESSIONAL) ? plan.townshipId(t) : plan.countyId(c);
      const place = station >= 0 ? stations.name[station] : t >= 0 ? plan.townshipName[t] : countyName;
      const title =
        kind === VOTER_RECEPTION
          ? `${place}接待选民活动`
          : kind === REPORT_TO_VOTERS
            ? `${place}代表向选民述职评议`
            : kind === GROUP_ACTIVITY
              ? `${groups.focus[group] ?? plan.townshipName[t]}代表小组${iso(held).slice(5, 7)}月活动`
              : kind === 4
                ? `${place}代表学习培训`
                : kind === 5
                  ? `列席${countyName}人大常委会会议`
                  : kind === 3
                    ? `${laws[random.int(0, laws.length - 1)]}执法检查`
                    : kind === 1
                      ? `视察${topics[random.int(0, topics.length - 1)]}工作`
                      : kind === 2
                        ? `调研${topics[random.int(0, topics.length - 1)]}情况`
                        : `${place}代表活动`;
      const receiving = kind === VOTER_RECEPTION || kind === REPORT_TO_VOTERS;
      const voters = receiving ? random.int(10, 80) : station >= 0 ? random.int(0, 10) : 0;
      const issues = receiving ? random.int(2, 20) : random.int(0, 5);
      const summary = random.chance(0.4) ? `收集意见建议${issues}条，已梳理交有关部门办理。` : NULL;
      out.add(
        `${out.nextId()}\t${activityKinds[kind]}\t${title}\t${iso(held)}\t${region}\t${station >= 0 ? firstStation + station : NULL}\t${group >= 0 ? firstGroup + group : NULL}\t${voters}\t${issues}\t${summary}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Activity participants: for each activity distinct deputies who held their seat on the
// day — the group's members for a group activity, the township's deputies and its district's county
// deputies for an activity in a township, county and higher-level deputies for a county-wide one.

/** Average participants per activity (the facts draw 1–5). */
const perActivity = 3;

export const activityParticipants: TableGenerator = {
  table: 'activity_participant',
  columns: ['id', 'activity_id', 'deputy_id', 'role'],
  bytesPerRow: 210,
  expectedRows: (plan) => plan.total('activity') * perActivity,

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('participants', c);
    const seats = seatsOf(plan, c);
    const facts = activitiesOf(plan, c);
    const groups = groupsOf(plan, c);
    const firstActivity = plan.firstId('activity', c);
    const firstDeputy = plan.firstId('deputy', c);
    const countySeats = plan.countySeats[c];
    const higher = plan.municipalSeats[c] + plan.provincialSeats[c] + plan.nationalSeats[c];
    const firstTownship = plan.townshipStart[c];
    for (let a = 0; a < facts.count; a++) {
      const held = facts.held[a];
      const group = facts.group[a];
      const t = facts.township[a];
      const members = group >= 0 ? groups.members[group] : undefined;
      // The pool is a list of members, or two runs of seats [aFrom, aFrom + aLength) and [bFrom, …).
      let aFrom = 0;
      let aLength = countySeats;
      let bFrom = seats.count - higher;
      let bLength = higher;
      if (members === undefined && t >= 0) {
        aFrom = countySeats + plan.townshipSeatStart[t];
        aLength = plan.townshipSeats[t];
        bFrom = plan.districtStart(c, t - firstTownship);
        bLength = plan.districtStart(c, t - firstTownship + 1) - bFrom;
      }
      const pool = members ? members.length : aLength + bLength;
      const activityId = firstActivity + a;
      const start = random.int(0, pool - 1);
      let taken = 0;
      for (let i = 0; i < pool && taken < facts.participants[a]; i++) {
        const index = (start + i) % pool;
        const k = members ? members[index] : index < aLength ? aFrom + index : bFrom + index - aLength;
        if (!seatActiveOn(seats, k, held)) continue;
        const role = taken === 0 && facts.kind[a] === GROUP_ACTIVITY && random.chance(0.5) ? 'ORGANISER' : random.chance(0.04) ? 'OBSERVER' : 'PARTICIPANT';
        out.add(`${out.nextId()}\t${activityId}\t${firstDeputy + k}\t${role}\n`);
        taken += 1;
      }
    }
  },
};
