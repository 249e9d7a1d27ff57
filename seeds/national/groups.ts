/**
 * Deputy groups (代表小组) of a county: county-level professional groups of 5–6 deputies mixing levels
 * (灵台县's 红牛产业 … groups), one regional group per district of county deputies, and township-level
 * functional groups of township deputies. The members of each group are facts shared by the memberships
 * below and by the group activities of activities.ts.
 */
import type { Random } from '../random.js';
import { day, iso, referenceDay } from './calendar.js';
import { seatsOf } from './deputies.js';
import { functionalFields, professionalFields } from './names.js';
import { type Plan, STREET } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';

export const groupKinds = ['PROFESSIONAL', 'REGIONAL', 'FUNCTIONAL'] as const;
export const PROFESSIONAL = 0;

export type Groups = {
  count: number;
  kind: Uint8Array;
  /** Global township index (the district of a regional group, the township of a functional one), or −1. */
  township: Int32Array;
  focus: (string | null)[];
  founded: Int32Array;
  /** Day a group was dissolved, 0 while it is active. */
  dissolved: Int32Array;
  /** Local person index of the convener. */
  convener: Int32Array;
  /** Seat indexes of each group's members, all distinct. */
  members: Int32Array[];
};

let cached: { plan: Plan; c: number; groups: Groups } | undefined;

/** The groups of county c in id order: professional, regional (one per township), functional. */
export function groupsOf(plan: Plan, c: number): Groups {
  if (cached && cached.plan === plan && cached.c === c) return cached.groups;
  const random = plan.stream('group-facts', c);
  const seats = seatsOf(plan, c);
  const count = plan.count('deputy_group', c);
  const groups: Groups = {
    count,
    kind: new Uint8Array(count),
    township: new Int32Array(count),
    focus: [],
    founded: new Int32Array(count),
    dissolved: new Int32Array(count),
    convener: new Int32Array(count),
    members: [],
  };
  const countySeats = plan.countySeats[c];
  const higher = plan.municipalSeats[c] + plan.provincialSeats[c] + plan.nationalSeats[c];
  const higherStart = seats.count - higher;
  const firstTownship = plan.townshipStart[c];
  const townships = plan.townshipStart[c + 1] - firstTownship;
  const fields = random.sample(professionalFields, plan.professionalGroups[c]);
  const withCongress: number[] = [];
  for (let t = 0; t < townships; t++) if (plan.townshipKind[firstTownship + t] !== STREET) withCongress.push(t);
  let g = 0;

  for (const field of fields) {
    const size = random.int(5, 6);
    const fromHigher = Math.min(2, higher);
    const members = new Int32Array(size);
    const h = random.int(0, Math.max(0, higher - fromHigher));
    const k = random.int(0, countySeats - size);
    for (let i = 0; i < size; i++) members[i] = i < fromHigher ? higherStart + h + i : k + i - fromHigher;
    add(0, -1, field, day(2019, 1, 1) + random.int(0, 4 * 365), seats.firstOfficial + random.int(0, plan.officials[c] - 1), members);
  }
  for (let t = 0; t < townships; t++) {
    const from = plan.districtStart(c, t);
    const pool = plan.districtStart(c, t + 1) - from;
    const members = block(random, from, pool, random.int(8, 14));
    add(1, firstTownship + t, null, plan.electionDay[c] + random.int(30, 200), seats.person[members[0]], members);
  }
  for (let f = 0; f < plan.functionalGroups[c]; f++) {
    const t = withCongress.length ? withCongress[random.int(0, withCongress.length - 1)] : random.int(0, townships - 1);
    const township = firstTownship + t;
    const seatCount = plan.townshipSeats[township];
    const members = seatCount
      ? block(random, countySeats + plan.townshipSeatStart[township], seatCount, random.int(6, 12))
      : block(random, plan.districtStart(c, t), plan.districtStart(c, t + 1) - plan.districtStart(c, t), random.int(6, 12));
    add(2, township, functionalFields[random.int(0, functionalFields.length - 1)], day(2020, 1, 1) + random.int(0, 5 * 365), seats.person[members[0]], members);
  }
  cached = { plan, c, groups };
  return groups;

  function add(kind: number, township: number, focus: string | null, founded: number, convener: number, members: Int32Array) {
    groups.kind[g] = kind;
    groups.township[g] = township;
    groups.focus.push(focus);
    groups.founded[g] = founded;
    const end = founded + random.int(365, 3 * 365);
    groups.dissolved[g] = random.chance(0.05) && end < referenceDay ? end : 0;
    groups.convener[g] = convener;
    groups.members.push(members);
    g += 1;
  }
}

/** `size` consecutive seats (at most the pool) from a random point of [from, from + pool), wrapping. */
function block(random: Random, from: number, pool: number, size: number): Int32Array {
  const n = Math.min(size, pool);
  const start = random.int(0, pool - 1);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[i] = from + ((start + i) % pool);
  return members;
}

export const deputyGroups: TableGenerator = {
  table: 'deputy_group',
  columns: ['id', 'name', 'kind', 'region_id', 'focus', 'founded_on', 'convener_id', 'dissolved_on', 'active'],
  bytesPerRow: 360,
  expectedRows: (plan) => plan.total('deputy_group'),

  county(plan: Plan, c: number, out: RowSink) {
    const groups = groupsOf(plan, c);
    const firstPerson = plan.firstId('person', c);
    for (let g = 0; g < groups.count; g++) {
      const t = groups.township[g];
      const kind = groups.kind[g];
      const focus = groups.focus[g];
      const name = kind === PROFESSIONAL ? `${plan.countyName[c]}${focus}代表小组` : `${plan.townshipName[t]}${focus ?? ''}代表小组`;
      const region = kind === 2 ? plan.townshipId(t) : plan.countyId(c);
      out.add(
        `${out.nextId()}\t${name}\t${groupKinds[kind]}\t${region}\t${focus ?? NULL}\t${iso(groups.founded[g])}\t${firstPerson + groups.convener[g]}\t${groups.dissolved[g] ? iso(groups.dissolved[g]) : NULL}\t${groups.dissolved[g] ? 'f' : 't'}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Group memberships: the members of each group joined after both the group's founding and
// their election, the first as 组长 and the second as 联络员. A membership ends with the seat or the group;
// a few former members left earlier. Every deputy holds at most one active membership per group.

const roles = ['LEADER', 'LIAISON', 'MEMBER'];
const formerShare = 0.06;

export const groupMemberships: TableGenerator = {
  table: 'group_membership',
  columns: ['id', 'deputy_id', 'group_id', 'role', 'joined_on', 'left_on'],
  bytesPerRow: 290,
  expectedRows: (plan) => Math.round(plan.total('deputy_group') * 10 * (1 + formerShare)),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('memberships', c);
    const seats = seatsOf(plan, c);
    const groups = groupsOf(plan, c);
    const firstDeputy = plan.firstId('deputy', c);
    const firstGroup = plan.firstId('deputy_group', c);
    for (let g = 0; g < groups.count; g++) {
      const members = groups.members[g];
      const dissolved = groups.dissolved[g];
      for (let i = 0; i < members.length; i++) {
        const k = members[i];
        const joined = Math.min(Math.max(groups.founded[g], seats.elected[k]) + random.int(0, 60), referenceDay);
        let left = seats.ended[k] || dissolved;
        if (dissolved && dissolved < left) left = dissolved;
        out.add(`${out.nextId()}\t${firstDeputy + k}\t${firstGroup + g}\t${roles[i < 2 ? i : 2]}\t${iso(joined)}\t${left ? iso(Math.max(left, joined)) : NULL}\n`);
        if (random.chance(formerShare)) {
          const former = random.int(0, plan.countySeats[c] - 1);
          const since = Math.max(groups.founded[g], seats.elected[former]) + random.int(0, 200);
          const until = since + random.int(90, 600);
          if (members.includes(former) || until >= referenceDay) continue;
          out.add(`${out.nextId()}\t${firstDeputy + former}\t${firstGroup + g}\tMEMBER\t${iso(since)}\t${iso(until)}\n`);
        }
      }
    }
  },
};
