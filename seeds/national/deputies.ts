/**
 * The deputy seats of one county, as facts every table about deputies shares: who holds each seat, at
 * which level and region, since and until when. Rebuilt from the county's own random stream whenever a
 * generator needs it (a few hundred entries), so deputies, assignments, memberships, activities and
 * suggestions agree without any table being kept in memory.
 *
 * Seat order (local index k): county seats by district, township seats by township, then the seats of
 * higher congresses this county's deputies hold (municipal — elected by the county congress —,
 * provincial and national). Person order: county deputies, township-only deputies, higher-level
 * deputies, then officials who hold no seat (appointees, conveners, staff).
 *
 * Below the facts: the deputy rows, and the current year's performance records of sitting deputies.
 */
import { currentYear, day, iso, referenceDay } from './calendar.js';
import { expertiseTags, sectors } from './names.js';
import { type Plan, STREET } from './plan.js';
import { NULL, type RowSink, type TableGenerator, tenths } from './table.js';

export const LEVEL_COUNTY = 0;
export const LEVEL_TOWNSHIP = 1;
export const LEVEL_MUNICIPAL = 2;
export const LEVEL_PROVINCIAL = 3;
export const LEVEL_NATIONAL = 4;
export const deputyLevels = ['COUNTY', 'TOWNSHIP', 'MUNICIPAL', 'PROVINCIAL', 'NATIONAL'] as const;

export const deputyStatuses = ['ACTIVE', 'TERMINATED', 'RESIGNED', 'DECEASED'] as const;

/** 代表构成, in enum order; drawn per person so a seat's category and its holder's workplace agree. */
export const compositions = ['WORKER', 'FARMER', 'PROFESSIONAL', 'OFFICIAL', 'MILITARY', 'OTHER'] as const;
const compositionWeights = [0.14, 0.22, 0.24, 0.3, 0.01, 0.09];

export type Seats = {
  count: number;
  level: Uint8Array;
  regionId: Int32Array;
  /** Global township index: the township of a township seat, the district of a county seat; else −1. */
  township: Int32Array;
  /** Local person index (within the county's persons). */
  person: Int32Array;
  term: Uint8Array;
  elected: Int32Array;
  /** Day the seat ended, 0 while it lasts. */
  ended: Int32Array;
  status: Uint8Array;
  byElection: Uint8Array;
  /** Local index of the first township seat of each township of the county (its seats follow). */
  townshipSeatBase: number;
  /** Composition category of each local person that holds a seat. */
  composition: Uint8Array;
  /** Local person index of the first official (persons from there on hold no seat). */
  firstOfficial: number;
};

/** Whether seat k was held on `onDay`. */
export function seatActiveOn(seats: Seats, k: number, onDay: number): boolean {
  return seats.elected[k] <= onDay && (seats.ended[k] === 0 || onDay <= seats.ended[k]);
}

let cached: { plan: Plan; c: number; seats: Seats } | undefined;

/** The seats of county c (the last county asked for is kept, since generators ask once per row group). */
export function seatsOf(plan: Plan, c: number): Seats {
  if (cached && cached.plan === plan && cached.c === c) return cached.seats;
  const seats = buildSeats(plan, c);
  cached = { plan, c, seats };
  return seats;
}

function buildSeats(plan: Plan, c: number): Seats {
  const random = plan.stream('seats', c);
  const count = plan.count('deputy', c);
  const countySeats = plan.countySeats[c];
  const firstTownship = plan.townshipStart[c];
  const townships = plan.townshipStart[c + 1] - firstTownship;
  const seats: Seats = {
    count,
    level: new Uint8Array(count),
    regionId: new Int32Array(count),
    township: new Int32Array(count),
    person: new Int32Array(count),
    term: new Uint8Array(count),
    elected: new Int32Array(count),
    ended: new Int32Array(count),
    status: new Uint8Array(count),
    byElection: new Uint8Array(count),
    townshipSeatBase: countySeats,
    composition: new Uint8Array(plan.count('person', c)),
    firstOfficial: plan.count('person', c) - plan.officials[c],
  };
  const election = plan.electionDay[c];
  let k = 0;
  // County seats, district by district.
  for (let t = 0; t < townships; t++) {
    for (let end = plan.districtStart(c, t + 1); k < end; k++) {
      seat(k, LEVEL_COUNTY, plan.countyId(c), firstTownship + t, k, plan.countyTerm[c], election);
    }
  }
  // Township seats: the first of each township's seats are held by county deputies of its district.
  let townshipOnly = countySeats;
  for (let t = 0; t < townships; t++) {
    const g = firstTownship + t;
    if (plan.townshipKind[g] === STREET) continue;
    const doubles = plan.doublesOfDistrict(c, t);
    const districtStart = plan.districtStart(c, t);
    for (let j = 0; j < plan.townshipSeats[g]; j++, k++) {
      const person = j < doubles ? districtStart + j : townshipOnly++;
      seat(k, LEVEL_TOWNSHIP, plan.townshipId(g), g, person, plan.townshipTerm(c), election);
    }
  }
  // Seats in higher congresses, each held by a person of its own.
  let person = townshipOnly;
  const city = plan.countyCity[c];
  const higher: [number, number, number, number, number][] = [
    [plan.municipalSeats[c], LEVEL_MUNICIPAL, plan.countyId(c), plan.cityTerm[city], election + 40],
    [plan.provincialSeats[c], LEVEL_PROVINCIAL, plan.cityId(city), 14, day(2022, 12, 20)],
    [plan.nationalSeats[c], LEVEL_NATIONAL, plan.provinceId(plan.cityProvince[city]), 14, day(2023, 1, 12)],
  ];
  for (const [n, level, regionId, term, elected] of higher) {
    for (let i = 0; i < n; i++, k++) seat(k, level, regionId, firstTownship + random.int(0, townships - 1), person++, term, elected + random.int(0, 20));
  }
  if (k !== count || person !== seats.firstOfficial) throw new Error(`seat layout of county ${c} disagrees with the plan`);

  for (let p = 0; p < seats.composition.length; p++) seats.composition[p] = weightedIndex(random.next(), compositionWeights);
  return seats;

  function seat(index: number, level: number, regionId: number, township: number, holder: number, term: number, electedOn: number) {
    seats.level[index] = level;
    seats.regionId[index] = regionId;
    seats.township[index] = township;
    seats.person[index] = holder;
    seats.term[index] = term;
    // A few seats were filled at a by-election after their first holder left.
    if (level <= LEVEL_TOWNSHIP && random.chance(0.03)) {
      seats.byElection[index] = 1;
      seats.elected[index] = electedOn + random.int(200, referenceDay - electedOn - 30);
    } else {
      seats.elected[index] = electedOn;
    }
    const from = seats.elected[index] + 180;
    if (random.chance(0.04) && from <= referenceDay) {
      seats.ended[index] = from + random.int(0, referenceDay - from);
      const roll = random.next();
      seats.status[index] = roll < 0.35 ? 1 : roll < 0.85 ? 2 : 3;
    }
  }
}

/** Index of the weight a uniform draw in [0, 1) falls on (weights summing to 1). */
export function weightedIndex(draw: number, weights: readonly number[]): number {
  let rest = draw;
  for (let i = 0; i < weights.length - 1; i++) {
    rest -= weights[i];
    if (rest < 0) return i;
  }
  return weights.length - 1;
}

// ---------------------------------------------------------------------------------------------------
// Deputy seats as rows: the electoral district of county and township seats, the composition
// category of the holder, sector and expertise tags, and for ended seats the date and the reason.

const endReasons = ['', '调离本行政区域，代表资格终止', '因工作变动辞去代表职务', '因病去世'];

export const deputies: TableGenerator = {
  table: 'deputy',
  columns: ['id', 'person_id', 'level', 'term_number', 'region_id', 'electoral_district', 'composition', 'sector', 'expertise', 'elected_on', 'status', 'ended_on', 'end_reason', 'by_election'],
  bytesPerRow: 330,
  expectedRows: (plan) => plan.total('deputy'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('deputies', c);
    const seats = seatsOf(plan, c);
    const firstPerson = plan.firstId('person', c);
    for (let k = 0; k < seats.count; k++) {
      const level = seats.level[k];
      const district = level === LEVEL_COUNTY ? `${plan.townshipName[seats.township[k]]}第${random.int(1, 3)}选区` : level === LEVEL_TOWNSHIP ? `第${random.int(1, 12)}选区` : NULL;
      const tags = random.chance(0.6) ? expertiseTags[random.int(0, 6)] + '、' + expertiseTags[random.int(7, expertiseTags.length - 1)] : NULL;
      const status = seats.status[k];
      const ended = seats.ended[k];
      out.add(
        `${out.nextId()}\t${firstPerson + seats.person[k]}\t${deputyLevels[level]}\t${seats.term[k]}\t${seats.regionId[k]}\t${district}\t${compositions[seats.composition[seats.person[k]]]}\t${sectors[random.int(0, sectors.length - 1)]}\t${tags}\t${iso(seats.elected[k])}\t${deputyStatuses[status]}\t${ended ? iso(ended) : NULL}\t${ended ? endReasons[status] : NULL}\t${seats.byElection[k] ? 't' : 'f'}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Performance records (履职积分) of the current year: counties score a sample of their sitting county
// deputies on the eleven items (attendance, activities, suggestions …), each with a self score and an
// assessed score; the yearly total ranks them.

export const performanceItems = [
  'ATTENDANCE',
  'ACTIVITIES',
  'SUGGESTIONS',
  'MOTIONS',
  'RECEPTION_DAYS',
  'TRAINING',
  'INSPECTION',
  'REPORT_TO_VOTERS',
  'GROUP_ACTIVITY',
  'LIVELIHOOD',
  'COMMENDATION',
] as const;

export const performanceRecords: TableGenerator = {
  table: 'performance_record',
  columns: ['id', 'deputy_id', 'year', 'item', 'self_score', 'assessed_score', 'note'],
  bytesPerRow: 230,
  expectedRows: (plan) => plan.counties * 80 * performanceItems.length,

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('performance', c);
    const seats = seatsOf(plan, c);
    const firstDeputy = plan.firstId('deputy', c);
    const scored = random.int(70, 90);
    const countySeats = plan.countySeats[c];
    const start = random.int(0, countySeats - 1);
    for (let j = 0, done = 0; j < countySeats && done < scored; j++) {
      const k = (start + j) % countySeats;
      if (!seatActiveOn(seats, k, referenceDay)) continue;
      done += 1;
      for (const item of performanceItems) {
        const self = random.int(600, 1000);
        const assessed = Math.max(0, self - random.int(0, 80));
        const note = item === 'COMMENDATION' && assessed >= 950 ? '年度优秀代表' : NULL;
        out.add(`${out.nextId()}\t${firstDeputy + k}\t${currentYear}\t${item}\t${tenths(self)}\t${tenths(assessed)}\t${note}\n`);
      }
    }
  },
};
