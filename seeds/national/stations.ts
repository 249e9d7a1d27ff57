/**
 * Liaison stations (一家多站): each county has a county-level 人大代表之家, each township a home of its own
 * with stations, village rooms and points under it (a station's parent is always a HOME). The eight
 * 规范化建设 items ("八有") are drawn per station and the standard score computed from them as the server
 * does: round(100 × items met / 8). Below the stations: the deputies assigned to them.
 */
import { day, iso, referenceDay } from './calendar.js';
import { LEVEL_TOWNSHIP, seatsOf } from './deputies.js';
import { villageName } from './names.js';
import { type Plan, STREET } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';

export const HOME = 0;
export const stationKinds = ['HOME', 'STATION', 'ROOM', 'POINT'] as const;

export type Stations = {
  count: number;
  kind: Uint8Array;
  /** Global township index, −1 for the county's own home (local index 0). */
  township: Int32Array;
  established: Int32Array;
  name: string[];
  village: string[];
};

let cached: { plan: Plan; c: number; stations: Stations } | undefined;

/** The stations of county c, in id order (local index 0 is the county home). */
export function stationsOf(plan: Plan, c: number): Stations {
  if (cached && cached.plan === plan && cached.c === c) return cached.stations;
  const random = plan.stream('station-facts', c);
  const count = plan.count('liaison_station', c);
  const stations: Stations = { count, kind: new Uint8Array(count), township: new Int32Array(count), established: new Int32Array(count), name: [], village: [] };
  stations.township[0] = -1;
  stations.established[0] = day(2016, 1, 1) + random.int(0, 4 * 365);
  stations.name.push(`${plan.countyName[c]}人大代表之家`);
  stations.village.push('');
  const base = plan.blocks.liaison_station[c];
  for (let t = plan.townshipStart[c]; t < plan.townshipStart[c + 1]; t++) {
    const street = plan.townshipKind[t] === STREET;
    const first = plan.townshipStationStart[t] - base;
    for (let s = first; s < first + plan.townshipStations[t]; s++) {
      const village = villageName(random);
      const roll = random.next();
      const kind = s === first ? HOME : street || roll < 0.4 ? 1 : roll < 0.85 ? 2 : 3;
      stations.kind[s] = kind;
      stations.township[s] = t;
      stations.established[s] = kind === HOME ? day(2016, 6, 1) + random.int(0, 4 * 365) : day(2018, 1, 1) + random.int(0, 7 * 365);
      stations.village.push(kind === HOME ? '' : village);
      stations.name.push(kind === HOME ? `${plan.townshipName[t]}人大代表之家` : `${village}代表${['', '联络站', '联络室', '联络点'][kind]}`);
    }
  }
  cached = { plan, c, stations };
  return stations;
}

/** The local index of township t's home (its stations follow it). */
export function homeOf(plan: Plan, c: number, t: number): number {
  return plan.townshipStationStart[t] - plan.blocks.liaison_station[c];
}

export const liaisonStations: TableGenerator = {
  table: 'liaison_station',
  columns: [
    'id',
    'name',
    'kind',
    'region_id',
    'parent_id',
    'village',
    'address',
    'latitude',
    'longitude',
    'established_on',
    'has_premises',
    'has_sign',
    'has_rules',
    'has_ledger',
    'has_schedule',
    'has_staff',
    'has_funds',
    'has_records',
    'standard_score',
    'responsible_person_id',
    'open_days',
  ],
  bytesPerRow: 520,
  expectedRows: (plan) => plan.total('liaison_station'),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('stations', c);
    const stations = stationsOf(plan, c);
    const seats = seatsOf(plan, c);
    const firstId = plan.firstId('liaison_station', c);
    const firstPerson = plan.firstId('person', c);
    const officials = plan.officials[c];
    for (let s = 0; s < stations.count; s++) {
      const t = stations.township[s];
      const home = stations.kind[s] === HOME;
      const parent = home ? NULL : firstId + homeOf(plan, c, t);
      const region = t < 0 ? plan.countyId(c) : plan.townshipId(t);
      const place = t < 0 ? plan.countyName[c] : plan.countyName[c] + plan.townshipName[t];
      const address = home ? `${place}人民政府院内` : `${place}${stations.village[s]}${stations.village[s].endsWith('社区') ? '居' : '村'}民委员会`;
      let met = 0;
      let checklist = '';
      for (let item = 0; item < 8; item++) {
        const has = random.chance(home ? 0.9 : 0.7);
        if (has) met += 1;
        checklist += has ? '\tt' : '\tf';
      }
      const score = Math.round((100 * met) / 8);
      const responsible = random.chance(0.5) ? firstPerson + seats.firstOfficial + random.int(0, officials - 1) : firstPerson + random.int(0, plan.countySeats[c] - 1);
      const openDays = home ? `每月${random.int(1, 14)}日、${random.int(15, 28)}日` : `每周${'一二三四五'[random.int(0, 4)]}`;
      const latitude = (plan.latitude[c] + (random.next() - 0.5) * 0.4).toFixed(6);
      const longitude = (plan.longitude[c] + (random.next() - 0.5) * 0.4).toFixed(6);
      out.add(
        `${firstId + s}\t${stations.name[s]}\t${stationKinds[stations.kind[s]]}\t${region}\t${parent}\t${home ? NULL : stations.village[s]}\t${address}\t${latitude}\t${longitude}\t${iso(stations.established[s])}${checklist}\t${score}\t${responsible}\t${openDays}\n`,
      );
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Station assignments (代表进站): nearly every seat is assigned to a station of its township (county
// deputies to one of their district's), higher-level deputies often to the county home. The assignment
// starts after the election and once the station exists, and ends with the seat.

/** Share of seats assigned to a station (the 代表编组率 is a metric, so not all are). */
const assignedShare = 0.963;

export const stationAssignments: TableGenerator = {
  table: 'station_assignment',
  columns: ['id', 'deputy_id', 'station_id', 'starts_on', 'ends_on'],
  bytesPerRow: 230,
  expectedRows: (plan) => Math.round(plan.total('deputy') * assignedShare),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('assignments', c);
    const seats = seatsOf(plan, c);
    const stations = stationsOf(plan, c);
    const firstDeputy = plan.firstId('deputy', c);
    const firstStation = plan.firstId('liaison_station', c);
    for (let k = 0; k < seats.count; k++) {
      if (!random.chance(assignedShare)) continue;
      const t = seats.township[k];
      const station = seats.level[k] > LEVEL_TOWNSHIP && random.chance(0.4) ? 0 : homeOf(plan, c, t) + random.int(0, plan.townshipStations[t] - 1);
      const ended = seats.ended[k];
      let starts = Math.max(seats.elected[k] + random.int(10, 120), stations.established[station]);
      if (starts > referenceDay || (ended && starts > ended)) starts = seats.elected[k];
      out.add(`${out.nextId()}\t${firstDeputy + k}\t${firstStation + station}\t${iso(starts)}\t${ended ? iso(Math.max(ended, starts)) : NULL}\n`);
    }
  },
};
