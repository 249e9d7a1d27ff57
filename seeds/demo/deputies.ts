/**
 * Deputy seats of every level for two terms (elected 2016–2018 and 2021–2023): township deputies of each
 * town, county deputies by electoral district, municipal deputies elected by the county congress,
 * provincial deputies elected by the city congress and a few national deputies. Persons are re-elected,
 * hold seats at two levels, resign, die or move away; a by-election fills every seat the current term
 * lost, so the current counts of profiles.ts are the exact active counts on the reference date.
 */
import type { DeputyComposition, DeputyLevel, DeputyStatus } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { occupation } from './persons.js';
import { regionOn } from './predecessors.js';
import { apportion, minDate, quota, referenceDate } from './shared.js';
import { communityNames, villageNames } from './texts.js';
import type { County, RegionRef, Seat, World } from './world.js';

/** Who takes a seat; `stays` marks those who never leave early (leaders, and holders of a second seat, whose other seat goes on). */
export type Candidate = { personId: number; composition: DeputyComposition; township: RegionRef; district?: string; stays?: boolean };

export type Election = {
  county: County;
  level: DeputyLevel;
  region: RegionRef;
  termNumber: number;
  electedOn: string;
  /** Last day of the term's seats; null for the sitting term. */
  lastDay: string | null;
  /** The electoral district of candidates that name none. */
  district: string;
  candidates: Candidate[];
};

const earlyEnds: [DeputyStatus, string, number][] = [
  ['RESIGNED', '因工作变动辞去代表职务', 4],
  ['RESIGNED', '因身体原因辞去代表职务', 1],
  ['TERMINATED', '迁出本行政区域，代表资格终止', 3],
  ['TERMINATED', '调离本行政区域，代表资格终止', 3],
  ['DECEASED', '因病去世', 2],
];

function shares(county: County, level: DeputyLevel, street: boolean): Record<DeputyComposition, number> {
  const offset = { NATIONAL: -0.2, PROVINCIAL: -0.18, MUNICIPAL: -0.1, COUNTY: 0, TOWNSHIP: 0.08 }[level];
  const frontline = Math.max(0.15, county.profile.people.frontline + offset);
  const farmers = street ? 0.1 : county.region.kind === 'DISTRICT' ? 0.55 : 0.85;
  const rest = 1 - frontline;
  const military = level === 'MUNICIPAL' || level === 'PROVINCIAL' ? 0.03 : 0;
  return { FARMER: frontline * farmers, WORKER: frontline * (1 - farmers), OFFICIAL: rest * 0.42, PROFESSIONAL: rest * 0.38, OTHER: rest * 0.2 - military, MILITARY: military };
}

export class DeputyGenerator {
  /** A person's sector and expertise, the same on every seat they hold. */
  private readonly traits = new Map<number, { sector: string; expertise: string }>();

  constructor(
    private readonly world: World,
    private readonly random: Random,
    /** Each person's composition category, shared by all generators so a second seat keeps the first one's. */
    private readonly compositionOf: Map<number, DeputyComposition>,
  ) {}

  /** A new person for a seat of `level` in `township`, with a composition drawn from the county's profile. */
  newcomer(county: County, level: DeputyLevel, township: RegionRef): Candidate {
    const composition = this.random.weighted(shares(county, level, township.kind === 'STREET'));
    const village = (township.kind === 'STREET' ? communityNames : villageNames)(this.random, 1)[0];
    const women = county.profile.people.women + { TOWNSHIP: -0.03, COUNTY: 0, MUNICIPAL: 0.02, PROVINCIAL: 0.03, NATIONAL: 0.05 }[level];
    const { workplace } = occupation(this.random, composition, { county: county.region.name, township: township.name, village });
    const person = this.world.people.add(this.random, { county, township, role: composition, workplace, women });
    this.compositionOf.set(person.id, composition);
    return { personId: person.id, composition, township };
  }

  /** An existing person (an official, a deputy re-elected or holding a second seat). */
  known(personId: number, township: RegionRef, composition?: DeputyComposition): Candidate {
    const known = composition ?? this.compositionOf.get(personId) ?? 'OFFICIAL';
    this.compositionOf.set(personId, known);
    return { personId, composition: known, township };
  }

  /** A person of `pool` re-elected (and removed from the pool) with probability `share`, else a newcomer. */
  reelectOrNew(pool: number[] | undefined, share: number, county: County, level: DeputyLevel, township: RegionRef): Candidate {
    if (pool?.length && this.random.chance(share)) return this.known(pool.splice(this.random.int(0, pool.length - 1), 1)[0], township);
    return this.newcomer(county, level, township);
  }

  /** Creates the seats of one election, with early ends and by-elections; returns the seats in candidate order. */
  elect(election: Election): Seat[] {
    const { county, lastDay } = election;
    const ends = lastDay ?? referenceDate;
    const rate = lastDay ? 0.06 : 0.025;
    const eligible = election.candidates.flatMap((candidate, index) => (candidate.stays ? [] : [index]));
    const leaving = new Set([...quota(this.random, eligible.length, Math.round(eligible.length * rate))].map((index) => eligible[index]));
    const seats: Seat[] = [];
    election.candidates.forEach((candidate, index) => {
      const early = leaving.has(index);
      const endedOn = early ? this.random.date(addDays(election.electedOn, 200), addDays(minDate(ends, referenceDate), -120)) : lastDay;
      seats.push(this.seat(election, candidate, election.electedOn, endedOn, early, false));
      if (early && (!lastDay || this.random.chance(0.5))) {
        const byElection = addDays(endedOn!, this.random.int(45, 110));
        if (byElection <= minDate(ends, referenceDate)) {
          const successor = { ...this.newcomer(county, election.level, candidate.township), district: candidate.district };
          this.seat(election, successor, byElection, lastDay, false, true);
        }
      }
    });
    return seats;
  }

  private seat(election: Election, candidate: Candidate, electedOn: string, endedOn: string | null, early: boolean, byElection: boolean): Seat {
    const [status, reason]: [DeputyStatus, string | null] = early ? this.pickEnd() : endedOn ? ['TERMINATED', '任期届满'] : ['ACTIVE', null];
    if (!this.traits.has(candidate.personId)) this.traits.set(candidate.personId, occupation(this.random, candidate.composition, {}));
    const { sector, expertise } = this.traits.get(candidate.personId)!;
    const id = this.world.data.add('deputy', {
      person_id: candidate.personId,
      level: election.level,
      term_number: election.termNumber,
      region_id: regionOn(election.region, electedOn).id,
      electoral_district: candidate.district ?? election.district,
      composition: candidate.composition,
      sector,
      expertise,
      elected_on: electedOn,
      status,
      ended_on: endedOn,
      end_reason: reason,
      by_election: byElection,
    });
    const seat: Seat = {
      id,
      personId: candidate.personId,
      level: election.level,
      regionId: election.region.id,
      county: election.county,
      township: candidate.township,
      electedOn,
      endedOn,
      current: election.lastDay === null,
      composition: candidate.composition,
    };
    this.world.seats.push(seat);
    return seat;
  }

  private pickEnd(): [DeputyStatus, string] {
    const weights = Object.fromEntries(earlyEnds.map(([, reason, weight]) => [reason, weight])) as Record<string, number>;
    const reason = this.random.weighted(weights);
    return [earlyEnds.find(([, text]) => text === reason)![0], reason];
  }
}

/** Splits a county's township seats over its towns by population. */
export function townshipSeats(county: County, total: number): number[] {
  return apportion(
    total,
    county.congressTownships.map((township) => township.population),
  );
}
