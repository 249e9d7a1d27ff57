/**
 * Who is elected where and when, term by term: each county elects its township and county deputies on
 * election day, its municipal deputies at the congress's first session; each city its provincial deputies;
 * each province a few national deputies. The current term's leaders (standing committee chair, vice chairs,
 * committee heads, township chairs) hold seats, and the previous term's where they are recorded (吉县); about
 * a third of deputies are re-elected, and some hold a second seat one level up.
 */
import type { DeputyComposition, DeputyLevel } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { DeputyGenerator, townshipSeats, type Candidate } from './deputies.js';
import { regionOn, validOn } from './predecessors.js';
import { apportion } from './shared.js';
import type { County, RegionRef, Seat, World } from './world.js';

/** Persons of one term by level, for re-election in the next. */
type Pools = { township: Map<string, number[]>; county: Map<string, number[]>; municipal: number[]; provincial: number[] };

/** National deputies living in the demo's counties: [county, how many]; elected by their province. */
const nationalResidents: [string, number][] = [
  ['620102', 2],
  ['620802', 1],
  ['411324', 1],
];
const nationalElections = ['2023-01-15', '2018-01-26'];
const reelection = 0.45;

function take<T>(random: Random, items: T[]): T | undefined {
  return items.length ? items.splice(random.int(0, items.length - 1), 1)[0] : undefined;
}

/** Picks the holders of one level's seats, never the same person twice. */
class Roll {
  private readonly chosen = new Set<number>();

  constructor(private readonly random: Random) {}

  /** Persons of `pool` not chosen yet (a copy: choosing from it leaves the pool as it is). */
  free(pool: number[] | undefined): number[] {
    return (pool ?? []).filter((person) => !this.chosen.has(person));
  }

  /** A seat holder of `seats` (holding it, to hold a second seat) not chosen yet, removed from `seats`. */
  holder(seats: Seat[]): Seat | undefined {
    const free = seats.filter((seat) => !this.chosen.has(seat.personId));
    const seat = take(this.random, free);
    if (seat) seats.splice(seats.indexOf(seat), 1);
    return seat;
  }

  add(candidate: Candidate): Candidate {
    this.chosen.add(candidate.personId);
    return candidate;
  }
}

function electTerm(world: World, generator: DeputyGenerator, random: Random, county: County, which: 'previous' | 'current', before: Pools | null): Pools {
  const current = which === 'current';
  const term = county.terms[which];
  const scale = current ? 1 : county.profile.previousScale;
  const officials = world.officials.get(county.region.code)!;
  // The term's leaders: the current term's always, the previous term's where the profile records them (吉县).
  const leadership = current ? officials : officials.previous;
  const pools: Pools = { township: new Map(), county: new Map(), municipal: [], provincial: [] };
  // Only holders who served the whole term are re-elected or hold a second seat (nobody who died or moved away).
  const lasting = (seats: Seat[]) => seats.filter((seat) => seat.endedOn === term.lastDay);
  const persons = (seats: Seat[]) => lasting(seats).map((seat) => seat.personId);
  const base = { county, lastDay: term.lastDay };

  // Township deputies, town by town; the township chair holds the first seat of the term.
  const sameTerm = new Map<string, Seat[]>();
  const counts = townshipSeats(county, Math.round(county.profile.deputies.township * scale));
  county.congressTownships.forEach((township, t) => {
    // A township that neither was nor replaced one on the election day has no congress to elect (崆峒区's 四十里铺镇,
    // from 2017, in 2016; 吉县's 东城乡, gone by 2021-10-31, in 2021): none of its seats is elected, and the county's later townships draw on from there.
    if (!validOn(regionOn(township, term.electionDay), term.electionDay)) return;
    const roll = new Roll(random);
    const candidates: Candidate[] = Array.from({ length: counts[t] }, (_, i) =>
      roll.add(
        i === 0 && leadership
          ? { ...generator.known(leadership.townshipChairs.get(township.code)!, township, 'OFFICIAL'), stays: true }
          : generator.reelectOrNew(roll.free(before?.township.get(township.code)), reelection, county, 'TOWNSHIP', township),
      ),
    );
    candidates.forEach((candidate, i) => (candidate.district = `第${Math.floor(i / 3) + 1}选区`));
    const seats = generator.elect({ ...base, level: 'TOWNSHIP', region: township, termNumber: county.townshipTerm - (current ? 0 : 1), electedOn: term.electionDay, district: '', candidates });
    pools.township.set(township.code, persons(seats));
    sameTerm.set(township.code, lasting(current ? seats.slice(1) : seats));
  });

  // County deputies by electoral district; leaders first, some also township deputies, some re-elected.
  const leaders = leadership ? [leadership.chair, ...leadership.viceChairs, ...leadership.committees.values()] : [];
  // Where township chairs sit on the county standing committee (吉县), each holds a county seat of their township —
  // of a township that has a congress on the election day (东城乡's last chair, gone with it in 2021, holds none).
  const seatedChairs = new Map(
    leadership && county.profile.chairsInCounty
      ? [...leadership.townshipChairs].filter(([code]) => county.congressTownships.some((township) => township.code === code && validOn(regionOn(township, term.electionDay), term.electionDay)))
      : [],
  );
  const districtSeats = apportion(
    Math.round(county.profile.deputies.county * scale),
    county.townships.map((township) => township.population),
  );
  const countyCandidates: Candidate[] = [];
  const countyRoll = new Roll(random);
  county.townships.forEach((township, t) => {
    for (let i = 0; i < districtSeats[t]; i++) {
      const leader = i === 0 && seatedChairs.has(township.code) ? seatedChairs.get(township.code) : leaders.shift();
      const dual = !leader && random.chance(0.22) ? countyRoll.holder(sameTerm.get(township.code) ?? []) : undefined;
      const candidate = leader
        ? { ...generator.known(leader, township, 'OFFICIAL'), stays: true }
        : dual
          ? { ...generator.known(dual.personId, township), stays: true }
          : generator.reelectOrNew(countyRoll.free(before?.county.get(township.code)), reelection, county, 'COUNTY', township);
      countyCandidates.push(countyRoll.add({ ...candidate, district: `${township.name}第${Math.floor(i / 2) + 1}选区` }));
    }
  });
  const countySeats = generator.elect({ ...base, level: 'COUNTY', region: county.region, termNumber: term.number, electedOn: term.electionDay, district: '', candidates: countyCandidates });
  for (const seat of lasting(countySeats)) pools.county.set(seat.township.code, [...(pools.county.get(seat.township.code) ?? []), seat.personId]);

  // Municipal deputies, elected by the county congress at its first session; half of them county deputies too.
  const city = world.cities.find((candidate) => candidate.region.code === county.city.code)!;
  const nextSession = county.terms.current.firstSession;
  const countyHolders = lasting(countySeats).filter((seat) => seat.composition !== 'OFFICIAL' || random.chance(0.3));
  const municipalRoll = new Roll(random);
  const municipal = generator.elect({
    ...base,
    level: 'MUNICIPAL',
    region: county.region,
    termNumber: cityTerm(world, county) - (current ? 0 : 1),
    electedOn: term.firstSession,
    lastDay: current ? null : addDays(nextSession, -1),
    district: county.region.name,
    candidates: Array.from({ length: Math.round(county.profile.deputies.municipal * scale) }, () => {
      const dual = random.chance(0.5) ? municipalRoll.holder(countyHolders) : undefined;
      if (dual) return municipalRoll.add({ ...generator.known(dual.personId, dual.township), stays: true });
      return municipalRoll.add(generator.reelectOrNew(municipalRoll.free(before?.municipal), reelection, county, 'MUNICIPAL', random.pick(county.townships)));
    }),
  });
  pools.municipal = persons(municipal);

  // Provincial deputies living here, elected by the city congress; half of them municipal deputies too.
  const [currentElection, previousElection] = city.profile.provincialElections;
  const municipalHolders = lasting(municipal);
  const provincialRoll = new Roll(random);
  const provincial = generator.elect({
    ...base,
    level: 'PROVINCIAL',
    region: county.city,
    termNumber: current ? 14 : 13,
    electedOn: current ? currentElection : previousElection,
    lastDay: current ? null : addDays(currentElection, -1),
    district: county.city.name,
    candidates: Array.from({ length: Math.round(county.profile.deputies.provincial * scale) }, () => {
      const dual = random.chance(0.5) ? provincialRoll.holder(municipalHolders) : undefined;
      if (dual) return provincialRoll.add({ ...generator.known(dual.personId, dual.township), stays: true });
      return provincialRoll.add(generator.reelectOrNew(provincialRoll.free(before?.provincial), reelection, county, 'PROVINCIAL', random.pick(county.townships)));
    }),
  });
  pools.provincial = persons(provincial);
  return pools;
}

function cityTerm(world: World, county: County): number {
  return Number(world.data.rows('region').find((row) => row.code === county.city.code)!.congress_term);
}

export function generateDeputies(world: World, random: Random): void {
  const compositions = new Map<number, DeputyComposition>();
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const generator = new DeputyGenerator(world, local.fork('seats'), compositions);
    const previous = electTerm(world, generator, local, county, 'previous', null);
    electTerm(world, generator, local, county, 'current', previous);
  }
  const generator = new DeputyGenerator(world, random.fork('national'), compositions);
  for (const [code, count] of nationalResidents) {
    const county = world.counties.find((candidate) => candidate.region.code === code)!;
    const province: RegionRef = county.province;
    for (const [index, electedOn] of nationalElections.entries()) {
      const level: DeputyLevel = 'NATIONAL';
      generator.elect({
        county,
        level,
        region: province,
        termNumber: 14 - index,
        electedOn,
        lastDay: index === 0 ? null : addDays(nationalElections[0], -1),
        district: province.name,
        candidates: Array.from({ length: count }, () => generator.newcomer(county, level, random.pick(county.townships))),
      });
    }
  }
}
