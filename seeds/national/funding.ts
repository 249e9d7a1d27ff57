/**
 * Funding (经费保障): each province sets the standards of DOMAIN.md (county deputies 500 → 800 yuan a
 * year, township deputies 1,000 → 1,500, 2,000 per home, 10,000 per township session and per township
 * congress, 20,000 per street), and every county and township gets its allocations for last year and this
 * one. Budgets are whole cents; a few fall below the standard in force and are flagged exactly as the
 * server would; nothing is disbursed beyond the budget unless the allocation is settled.
 */
import { currentYear, day, iso } from './calendar.js';
import { LEVEL_TOWNSHIP, seatActiveOn, seatsOf } from './deputies.js';
import { type Plan, STREET } from './plan.js';
import { HOME, homeOf, stationsOf } from './stations.js';
import { money, NULL, type RowSink, type TableGenerator } from './table.js';

/** Category, deputy level, unit, amount in cents, effective from year. */
const standards: readonly [string, string | null, string, number, number][] = [
  ['DEPUTY_ACTIVITY', 'COUNTY', 'PER_DEPUTY_YEAR', 50_000, 2016],
  ['DEPUTY_ACTIVITY', 'COUNTY', 'PER_DEPUTY_YEAR', 80_000, 2021],
  ['DEPUTY_ACTIVITY', 'TOWNSHIP', 'PER_DEPUTY_YEAR', 100_000, 2016],
  ['DEPUTY_ACTIVITY', 'TOWNSHIP', 'PER_DEPUTY_YEAR', 150_000, 2021],
  ['HOME_OPERATION', null, 'PER_HOME_YEAR', 200_000, 2019],
  ['TOWNSHIP_SESSION', null, 'PER_SESSION', 1_000_000, 2019],
  ['TOWNSHIP_CONGRESS_WORK', null, 'PER_TOWNSHIP_YEAR', 1_000_000, 2019],
  ['STREET_WORK', null, 'PER_STREET_YEAR', 2_000_000, 2019],
];
/** The standards in force for the years allocated (all years ≥ 2021), in cents. */
const inForce = { county: 80_000, township: 150_000, home: 200_000, session: 1_000_000, congress: 1_000_000, street: 2_000_000 };

export const fundingStandards: TableGenerator = {
  table: 'funding_standard',
  columns: ['id', 'region_id', 'category', 'deputy_level', 'unit', 'amount_per_unit', 'effective_from_year', 'document_number'],
  bytesPerRow: 250,
  expectedRows: (plan) => plan.provinces * standards.length,
  prelude(plan: Plan, out: RowSink) {
    for (let p = 0; p < plan.provinces; p++) {
      standards.forEach(([category, level, unit, cents, year], n) => {
        out.add(`${out.nextId()}\t${plan.provinceId(p)}\t${category}\t${level ?? NULL}\t${unit}\t${money(cents)}\t${year}\t${plan.provinceName[p].slice(0, 1)}人常发〔${year}〕${n + 1}号\n`);
      });
    }
  },
  county() {},
};

const previousStatuses = ['SETTLED', 'DISBURSED'];
const currentStatuses = ['PLANNED', 'APPROVED', 'DISBURSED'];

export const fundingAllocations: TableGenerator = {
  table: 'funding_allocation',
  columns: [
    'id',
    'fiscal_year',
    'region_id',
    'category',
    'station_id',
    'group_id',
    'budgeted',
    'disbursed',
    'headcount',
    'per_capita_standard',
    'approved_on',
    'document_number',
    'status',
    'below_standard',
  ],
  bytesPerRow: 410,
  expectedRows: (plan) => Math.round(plan.counties * 2 * 3.15 + plan.townships * 2 * 3.1),

  county(plan: Plan, c: number, out: RowSink) {
    const random = plan.stream('funding', c);
    const seats = seatsOf(plan, c);
    const stations = stationsOf(plan, c);
    const firstStation = plan.firstId('liaison_station', c);
    const countyId = plan.countyId(c);
    const prefix = plan.countyName[c].slice(0, 1);
    for (let year = currentYear - 1; year <= currentYear; year++) {
      const yearStart = day(year, 1, 1);
      let documents = 0;
      /** One allocation; `headcount` is −1 unless the category is per deputy. */
      const add = (region: number, category: string, standard: number, headcount: number, station: number) => {
        const perDeputy = headcount >= 0;
        const base = perDeputy ? standard * headcount : standard;
        const below = standard > 0 && random.chance(0.06);
        const budgeted = standard > 0 ? Math.round(base * (below ? 0.7 + 0.29 * random.next() : 1 + 0.3 * random.next())) : random.int(50_000, 200_000) * 100;
        const status = year < currentYear ? previousStatuses[random.chance(0.85) ? 0 : 1] : currentStatuses[random.chance(0.1) ? 0 : random.chance(0.33) ? 1 : 2];
        const disbursed = status === 'SETTLED' ? Math.round(budgeted * (0.95 + 0.1 * random.next())) : status === 'DISBURSED' ? Math.floor(budgeted * (0.5 + 0.5 * random.next())) : 0;
        const planned = status === 'PLANNED';
        out.add(
          `${out.nextId()}\t${year}\t${region}\t${category}\t${station >= 0 ? firstStation + station : NULL}\t${NULL}\t${money(budgeted)}\t${money(disbursed)}\t${perDeputy ? headcount : NULL}\t${perDeputy ? money(standard) : NULL}\t${planned ? NULL : iso(yearStart + 9 + random.int(0, 80))}\t${planned ? NULL : `${prefix}财发〔${year}〕${(documents += 1)}号`}\t${status}\t${standard > 0 && base > 0 && budgeted < base ? 't' : 'f'}\n`,
        );
      };
      // County: its deputies' activity funds, trainings, its home, sometimes a station's construction.
      let countyDeputies = 0;
      for (let k = 0; k < plan.countySeats[c]; k++) if (seatActiveOn(seats, k, yearStart)) countyDeputies += 1;
      add(countyId, 'DEPUTY_ACTIVITY', inForce.county, countyDeputies, -1);
      add(countyId, 'TRAINING', 0, -1, -1);
      add(countyId, 'HOME_OPERATION', inForce.home, -1, 0);
      if (random.chance(0.3)) {
        const station = random.int(1, stations.count - 1);
        if (stations.kind[station] !== HOME) add(stations.township[station] >= 0 ? plan.townshipId(stations.township[station]) : countyId, 'STATION_CONSTRUCTION', 0, -1, station);
      }
      // Townships: deputies' funds, sessions and work funds; streets their working committee; every home.
      for (let t = plan.townshipStart[c]; t < plan.townshipStart[c + 1]; t++) {
        const region = plan.townshipId(t);
        if (plan.townshipKind[t] === STREET) {
          add(region, 'STREET_WORK', inForce.street, -1, -1);
        } else {
          const from = seats.townshipSeatBase + plan.townshipSeatStart[t];
          let deputies = 0;
          for (let k = from; k < from + plan.townshipSeats[t]; k++) if (seats.level[k] === LEVEL_TOWNSHIP && seatActiveOn(seats, k, yearStart)) deputies += 1;
          add(region, 'DEPUTY_ACTIVITY', inForce.township, deputies, -1);
          add(region, 'TOWNSHIP_SESSION', inForce.session, -1, -1);
          if (random.chance(0.5)) add(region, 'TOWNSHIP_CONGRESS_WORK', inForce.congress, -1, -1);
        }
        add(region, 'HOME_OPERATION', inForce.home, -1, homeOf(plan, c, t));
      }
    }
  },
};
