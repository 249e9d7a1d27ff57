/**
 * Funding standards and allocations, fiscal years 2019–2024. 平凉's standards are the published ones
 * (county deputies 500 → 800 and township deputies 1,000 → 1,500 a year, 2,000 a home, 10,000 a township
 * session, 10,000 a township congress, 20,000 a street); 兰州's municipal deputies get 2,000; other
 * counties set their own. Budgets follow each county's funding factor, so some fall below the standard
 * in force, and `below_standard` is what the server's rule would compute (nearest region's standard).
 */
import type { DeputyLevel, FundingCategory, FundingStatus, FundingUnit, RegionLevel } from '../../schema/shared/enums.js';
import { levelOfKind } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { huichuanArticle } from './article-dates.js';
import { regionOn, validOn } from './predecessors.js';
import { covers, shortName, years, yuan } from './shared.js';
import type { County, RegionRef, Seat, Station, World } from './world.js';

type Standard = { region: string; category: FundingCategory; level: DeputyLevel | null; unit: FundingUnit; amount: number; from: number };

/** 平凉市 and 兰州市 standards (DOMAIN.md); the years the raises took effect are not published and are chosen here. */
export const cityStandards: Standard[] = [
  { region: '620800', category: 'DEPUTY_ACTIVITY', level: 'COUNTY', unit: 'PER_DEPUTY_YEAR', amount: 500, from: 2017 },
  { region: '620800', category: 'DEPUTY_ACTIVITY', level: 'COUNTY', unit: 'PER_DEPUTY_YEAR', amount: 800, from: 2021 },
  { region: '620800', category: 'DEPUTY_ACTIVITY', level: 'TOWNSHIP', unit: 'PER_DEPUTY_YEAR', amount: 1000, from: 2017 },
  { region: '620800', category: 'DEPUTY_ACTIVITY', level: 'TOWNSHIP', unit: 'PER_DEPUTY_YEAR', amount: 1500, from: 2021 },
  { region: '620800', category: 'HOME_OPERATION', level: null, unit: 'PER_HOME_YEAR', amount: 2000, from: 2019 },
  { region: '620800', category: 'TOWNSHIP_SESSION', level: null, unit: 'PER_SESSION', amount: 10000, from: 2019 },
  { region: '620800', category: 'TOWNSHIP_CONGRESS_WORK', level: null, unit: 'PER_TOWNSHIP_YEAR', amount: 10000, from: 2019 },
  { region: '620800', category: 'STREET_WORK', level: null, unit: 'PER_STREET_YEAR', amount: 20000, from: 2019 },
  { region: '620100', category: 'DEPUTY_ACTIVITY', level: 'MUNICIPAL', unit: 'PER_DEPUTY_YEAR', amount: 2000, from: 2019 },
];

function countyStandards(county: County): Standard[] {
  const own = county.profile.standards;
  const region = county.region.code;
  if (!own) return [];
  return [
    ...(own.county ?? []).map(([amount, from]): Standard => ({ region, category: 'DEPUTY_ACTIVITY', level: 'COUNTY', unit: 'PER_DEPUTY_YEAR', amount, from })),
    ...(own.township ?? []).map(([amount, from]): Standard => ({ region, category: 'DEPUTY_ACTIVITY', level: 'TOWNSHIP', unit: 'PER_DEPUTY_YEAR', amount, from })),
    ...(own.home ? [{ region, category: 'HOME_OPERATION', level: null, unit: 'PER_HOME_YEAR', amount: own.home, from: 2019 } as Standard] : []),
    ...(own.session ? [{ region, category: 'TOWNSHIP_SESSION', level: null, unit: 'PER_SESSION', amount: own.session, from: 2019 } as Standard] : []),
    ...(own.street ? [{ region, category: 'STREET_WORK', level: null, unit: 'PER_STREET_YEAR', amount: own.street, from: 2019 } as Standard] : []),
    ...(own.construction ? [{ region, category: 'STATION_CONSTRUCTION', level: null, unit: 'LUMP_SUM', amount: own.construction, from: 2022 } as Standard] : []),
  ];
}

/** The deputies an allocation of a region's own congress is for (the rule's mapping). */
const deputyLevelOf: Record<RegionLevel, DeputyLevel> = { COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP', CITY: 'MUNICIPAL', PROVINCE: 'PROVINCIAL' };

/** The standard in force, exactly as server/rules/funding-allocation.rules.ts finds it: nearest region first, then latest year. */
export function standardInForce(standards: Standard[], region: RegionRef, category: FundingCategory, year: number): Standard | undefined {
  const level = deputyLevelOf[levelOfKind[region.kind]];
  for (let at: RegionRef | null = region; at; at = at.parent) {
    const found = standards
      .filter((s) => s.region === at.code && s.category === category && s.from <= year && (s.level === null || s.level === level))
      .sort((a, b) => b.from - a.from || (a.level === null ? 1 : 0) - (b.level === null ? 1 : 0));
    if (found.length) return found[0];
  }
  return undefined;
}

export function generateFunding(world: World, random: Random): void {
  const standards = [...cityStandards, ...world.counties.flatMap(countyStandards)];
  for (const s of standards) {
    world.data.add('funding_standard', {
      region_id: world.regions.get(s.region)!.id,
      category: s.category,
      deputy_level: s.level,
      unit: s.unit,
      amount_per_unit: yuan(s.amount),
      effective_from_year: s.from,
      document_number: null,
    });
  }
  const lanzhou = world.cities.find((city) => city.region.code === '620100')!;
  const byRegion = new Map<number, Seat[]>();
  for (const seat of world.seats) {
    if (!byRegion.has(seat.regionId)) byRegion.set(seat.regionId, []);
    byRegion.get(seat.regionId)!.push(seat);
  }
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const { factor, execution } = county.profile.funding;
    const homes = world.stations.filter((station) => station.county === county && station.kind === 'HOME');
    const seatsOf = (region: RegionRef, level: DeputyLevel, year: number) =>
      (byRegion.get(region.id) ?? []).filter((seat) => seat.level === level && covers(seat.electedOn, seat.endedOn, `${year}-03-01`)).length;
    years.forEach((year, y) => {
      const allocate = (region: RegionRef, category: FundingCategory, amount: number, extra: { headcount?: number; station?: Station } = {}) => {
        const headcount = extra.headcount ?? null;
        const budgeted = Math.round(amount * (category === 'DEPUTY_ACTIVITY' ? (headcount ?? 0) : 1) * factor[y]);
        const status: FundingStatus = year < 2024 ? 'SETTLED' : local.weighted({ DISBURSED: 7, APPROVED: 2.5, PLANNED: 0.5 });
        const share = status === 'SETTLED' ? execution + (local.next() - 0.5) * 0.12 : status === 'DISBURSED' ? 0.5 + 0.5 * local.next() * execution : status === 'APPROVED' ? 0.3 * local.next() : 0;
        const approvedOn = status === 'PLANNED' ? null : local.date(`${year}-02-10`, `${year}-04-20`);
        // On the region the place was then (a predecessor); none for a township gone by then (东城乡 from 2022), its draws kept.
        const on = regionOn(region, approvedOn ?? `${year}-01-01`);
        if (!validOn(on, approvedOn ?? `${year}-01-01`)) {
          if (status !== 'PLANNED') local.int(3, 60);
          return;
        }
        // The rule, on the region the allocation sits on: per-deputy standards against standard × headcount, the others against the amount itself.
        const standard = standardInForce(standards, on, category, year);
        const perDeputy = standard?.unit === 'PER_DEPUTY_YEAR';
        const below = !standard ? false : perDeputy ? (headcount ?? 0) > 0 && budgeted < standard.amount * (headcount ?? 0) : budgeted < standard.amount;
        world.data.add('funding_allocation', {
          fiscal_year: year,
          region_id: on.id,
          category,
          station_id: extra.station?.id ?? null,
          group_id: null,
          budgeted: yuan(budgeted),
          disbursed: yuan(Math.round(budgeted * share)),
          headcount,
          per_capita_standard: perDeputy ? yuan(standard.amount) : null,
          approved_on: approvedOn,
          document_number: status === 'PLANNED' ? null : `${shortName(county.region.name)[0]}财发〔${year}〕${local.int(3, 60)}号`,
          status,
          below_standard: below,
        });
      };
      const countyStandard = standardInForce(standards, county.region, 'DEPUTY_ACTIVITY', year)?.amount ?? 600;
      allocate(county.region, 'DEPUTY_ACTIVITY', countyStandard, { headcount: seatsOf(county.region, 'COUNTY', year) });
      allocate(county.region, 'TRAINING', local.int(2, 6) * 10000);
      for (const township of county.townships) {
        const at = (category: FundingCategory, fallback: number) => standardInForce(standards, township, category, year)?.amount ?? fallback;
        if (township.kind === 'STREET') {
          if (standardInForce(standards, township, 'STREET_WORK', year)) allocate(township, 'STREET_WORK', at('STREET_WORK', 0));
          continue;
        }
        allocate(township, 'DEPUTY_ACTIVITY', at('DEPUTY_ACTIVITY', 400), { headcount: seatsOf(township, 'TOWNSHIP', year) });
        allocate(township, 'TOWNSHIP_SESSION', at('TOWNSHIP_SESSION', 6000) * (year === 2022 ? 2 : 1));
        allocate(township, 'TOWNSHIP_CONGRESS_WORK', at('TOWNSHIP_CONGRESS_WORK', local.int(5, 12) * 1000));
      }
      for (const home of homes.filter((station) => station.establishedOn <= `${year}-06-30`)) {
        const region = home.township ?? county.region;
        allocate(region, 'HOME_OPERATION', standardInForce(standards, region, 'HOME_OPERATION', year)?.amount ?? local.int(3, 8) * 1000, { station: home });
      }
    });
    construction(world, county, standards, local);
  }
  lanzhouMunicipal(world, lanzhou.region, standards);
}

/**
 * 汇川: a special subsidy brought each of its 51 stations and rooms to standard in 2022, approved before its article
 * (2022-04-27) reported them so; 镇平 funds each new village room.
 */
function construction(world: World, county: County, standards: Standard[], random: Random): void {
  const code = county.region.code;
  const stations = world.stations.filter((station) => station.county === county && (code === '520303' || (code === '411324' && station.kind === 'ROOM')));
  for (const station of stations) {
    const year = code === '520303' ? 2022 : Number(station.establishedOn.slice(0, 4));
    const region = station.township ?? county.region;
    const standard = standardInForce(standards, region, 'STATION_CONSTRUCTION', year);
    const budgeted = standard ? standard.amount * (station.kind === 'HOME' ? 1.5 : 1) : random.int(3, 6) * 1000;
    const approvedOn = random.date(`${year}-03-01`, code === huichuanArticle.county ? addDays(huichuanArticle.date, -7) : `${year}-05-31`);
    world.data.add('funding_allocation', {
      fiscal_year: year,
      region_id: regionOn(region, approvedOn).id,
      category: 'STATION_CONSTRUCTION',
      station_id: station.id,
      group_id: null,
      budgeted: yuan(budgeted),
      disbursed: yuan(budgeted),
      headcount: null,
      per_capita_standard: null,
      approved_on: approvedOn,
      document_number: `${shortName(county.region.name)[0]}财发〔${year}〕${random.int(60, 90)}号`,
      status: 'SETTLED',
      below_standard: standard ? budgeted < standard.amount : false,
    });
  }
}

/** 兰州: the municipal deputies' activity funds, 2,000 per deputy per year. */
function lanzhouMunicipal(world: World, city: RegionRef, standards: Standard[]): void {
  for (const year of years) {
    const headcount = world.seats.filter((seat) => seat.level === 'MUNICIPAL' && seat.county.city.code === city.code && covers(seat.electedOn, seat.endedOn, `${year}-03-01`)).length;
    const standard = standardInForce(standards, city, 'DEPUTY_ACTIVITY', year)!;
    const budgeted = standard.amount * headcount;
    world.data.add('funding_allocation', {
      fiscal_year: year,
      region_id: city.id,
      category: 'DEPUTY_ACTIVITY',
      station_id: null,
      group_id: null,
      budgeted: yuan(budgeted),
      disbursed: yuan(year < 2024 ? budgeted : budgeted * 0.8),
      headcount,
      per_capita_standard: yuan(standard.amount),
      approved_on: `${year}-03-0${(year % 5) + 1}`,
      document_number: `兰财发〔${year}〕${(year % 7) + 8}号`,
      status: year < 2024 ? 'SETTLED' : 'DISBURSED',
      below_standard: false,
    });
  }
}
