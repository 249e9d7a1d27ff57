/**
 * Regions: the real provinces, cities and counties of DOMAIN.md and their real townships (places.ts), with each
 * county's terms, each dated as the national tree's history dates its code (seeds/divisions/dated-divisions.ts).
 */
import { levelOfKind, type RegionKind } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { nationalDatedDivisions, type DatedDivision } from '../divisions/dated-divisions.js';
import { nationalDivisions } from '../divisions/division-tree.js';
import { cities, counties, provinces, townshipsByCounty } from './places.js';
import { addPredecessors } from './predecessors.js';
import { cityProfiles, profiles } from './profiles.js';
import { apportion } from './shared.js';
import type { County, RegionRef, World } from './world.js';

function addRegion(world: World, region: Omit<RegionRef, 'id'>, extra: { congressTerm: number | null; dated: ReadonlyMap<string, DatedDivision>; unpopulated?: boolean }): RegionRef {
  const dates = extra.dated.get(region.code);
  if (!dates) throw new Error(`the dated division tree has no ${region.code} ${region.name}`);
  const id = world.data.add('region', {
    code: region.code,
    name: region.name,
    kind: region.kind,
    level: levelOfKind[region.kind],
    parent_id: region.parent?.id ?? null,
    population: extra.unpopulated ? null : region.population,
    congress_term: extra.congressTerm,
    valid_from: dates.validFrom ?? null,
    valid_to: dates.validTo ?? null,
  });
  const ref: RegionRef = { ...region, id, validFrom: dates.validFrom ?? null, validTo: dates.validTo ?? null, ...(dates.names ? { names: dates.names } : {}) };
  world.regions.set(ref.code, ref);
  return ref;
}

/** Township weights for splitting the county's population: streets are denser, townships (乡) sparser. */
const densityOf: Record<string, number> = { STREET: 1.6, TOWN: 1, TOWNSHIP: 0.6 };

/**
 * The current (2021) township congress term where an article tells it: 庄浪县's 朱店镇 held the January 2021
 * session of its 十八届, so its townships' current term is the 十九届.
 */
const knownTownshipTerms: Record<string, number> = { '620825': 19 };

export function generateRegions(world: World, random: Random): void {
  const townshipPlaces = townshipsByCounty(nationalDivisions());
  const dated = new Map(nationalDatedDivisions().map((division) => [division.code, division]));
  for (const province of provinces) {
    world.provinces.push(addRegion(world, { ...province, center: [0, 0], parent: null }, { congressTerm: province.congressTerm, dated }));
  }
  for (const city of cities) {
    const parent = world.regions.get(city.province)!;
    const region = addRegion(world, { ...city, center: [0, 0], parent }, { congressTerm: city.congressTerm, dated });
    world.cities.push({ region, profile: cityProfiles.find((profile) => profile.code === city.code)!, counties: [] });
  }
  for (const place of counties) {
    const local = random.fork(place.code);
    const city = world.cities.find((candidate) => candidate.region.code === place.city)!;
    const profile = profiles.find((candidate) => candidate.code === place.code);
    if (!profile) throw new Error(`no profile for county ${place.code}`);
    const { code, name, kind, population, center, congressTerm } = place;
    const region = addRegion(world, { code, name, kind, population, center, parent: city.region }, { congressTerm, dated });
    // Drawn for every county (the stream stays as it was), then replaced where an article tells the term.
    const drawnTownshipTerm = local.int(17, 21);
    const townshipTerm = knownTownshipTerms[place.code] ?? drawnTownshipTerm;
    const places = townshipPlaces.get(place.code)!;
    const populations = apportion(
      place.population,
      places.map((township) => densityOf[township.kind] * (0.6 + 0.8 * local.next())),
    );
    const spread = place.kind === 'DISTRICT' ? 0.06 : 0.22;
    const townships = places.map((township, index) => {
      const center: [number, number] = [place.center[0] + (local.next() - 0.5) * spread, place.center[1] + (local.next() - 0.5) * spread * 1.2];
      const kind: RegionKind = township.kind;
      return addRegion(world, { ...township, kind, population: populations[index], center, parent: region }, { congressTerm: kind === 'STREET' ? null : townshipTerm, dated });
    });
    const [current, previous] = profile.elections;
    const sessionYear = (year: number) => `${year}-${profile.sessionDay}`;
    const county: County = {
      region,
      city: city.region,
      province: city.region.parent!,
      place,
      profile,
      townships,
      congressTownships: townships.filter((township) => township.kind !== 'STREET'),
      terms: {
        current: { number: place.congressTerm, electionDay: current, firstSession: sessionYear(2022), lastDay: null },
        previous: { number: place.congressTerm - 1, electionDay: previous, firstSession: sessionYear(2017), lastDay: addDays(current, -1) },
      },
      townshipTerm,
    };
    world.counties.push(county);
    city.counties.push(county);
  }
  // The regions the places replaced, ended (no population, no congress term: records of theirs are the successor's, dated before it).
  addPredecessors(world, dated, (division, parent) =>
    addRegion(world, { code: division.code, name: division.name, kind: division.kind, population: 0, center: parent.center, parent }, { congressTerm: null, dated, unpopulated: true }),
  );
}
