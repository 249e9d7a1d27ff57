/**
 * What the demo generators hand on to each other: the rows go into the Dataset, and the facts later
 * generators need (which seat lives where, which station a deputy is assigned to …) into the World.
 */
import type { DeputyComposition, DeputyLevel, GroupKind, OrganisationKind, RegionKind, StationKind } from '../../schema/shared/enums.js';
import { Dataset } from '../dataset.js';
import type { PersonFactory } from './persons.js';
import type { CountyPlace } from './places.js';
import type { CityProfile, CountyProfile } from './profiles.js';

export type RegionRef = {
  id: number;
  code: string;
  name: string;
  kind: RegionKind;
  population: number;
  center: [number, number];
  parent: RegionRef | null;
  /** The days the division history dates the region's code by (regions.ts); null: on record since the earliest edition, or not ended. */
  validFrom?: string | null;
  validTo?: string | null;
  /** Its names by the division history where its code was renamed (seeds/divisions/dated-divisions.ts `nameOn`). */
  names?: { name: string; from: string }[];
  /** The region this one replaced, for records dated before it began (predecessors.ts). */
  predecessor?: RegionRef;
};

/** A congress term: its number (届), the deputies' election day, the first session, and the last day of its seats (null: sitting). */
export type Term = { number: number; electionDay: string; firstSession: string; lastDay: string | null };

export type County = {
  region: RegionRef;
  city: RegionRef;
  province: RegionRef;
  place: CountyPlace;
  profile: CountyProfile;
  /** Every township-level unit, streets included. */
  townships: RegionRef[];
  /** Towns and townships: the units with a congress of their own (streets have none). */
  congressTownships: RegionRef[];
  terms: { previous: Term; current: Term };
  townshipTerm: number;
};

export type City = { region: RegionRef; profile: CityProfile; counties: County[] };

/** A deputy seat, with where its holder lives (county and township) for stations and groups. */
export type Seat = {
  id: number;
  personId: number;
  level: DeputyLevel;
  regionId: number;
  county: County;
  township: RegionRef;
  electedOn: string;
  endedOn: string | null;
  current: boolean;
  composition: DeputyComposition;
};

export type Station = {
  id: number;
  kind: StationKind;
  name: string;
  county: County;
  /** The township it serves; null for a county-level home. */
  township: RegionRef | null;
  regionId: number;
  village: string;
  establishedOn: string;
  parentId: number | null;
};

export type Assignment = { seat: Seat; station: Station; startsOn: string; endsOn: string | null };

export type Member = { seat: Seat; joinedOn: string; leftOn: string | null };

export type Group = {
  id: number;
  kind: GroupKind;
  name: string;
  regionId: number;
  county: County | null;
  foundedOn: string;
  /** The day it was dissolved (a successor region's group took over: groups.ts townshipGroups); null while active. */
  dissolvedOn: string | null;
  members: Member[];
};

export type Organisation = { id: number; name: string; kind: OrganisationKind; topic: string };

/** One term's leaders of a county's congress: chair, vice chairs, working committees' heads, township chairs (person ids). */
export type Leadership = {
  chair: number;
  viceChairs: number[];
  committees: Map<string, number>;
  townshipChairs: Map<string, number>;
};

/** The people who run a county's congress: the current term's leaders, township staff, and the previous term's leaders where recorded. */
export type Officials = Leadership & {
  townshipStaff: Map<string, number[]>;
  previous?: Leadership;
};

export type World = {
  data: Dataset;
  regions: Map<string, RegionRef>;
  provinces: RegionRef[];
  cities: City[];
  counties: County[];
  people: PersonFactory;
  officials: Map<string, Officials>;
  /** Organisations by the code of their region (counties and cities). */
  organisations: Map<string, Organisation[]>;
  seats: Seat[];
  stations: Station[];
  assignments: Assignment[];
  groups: Group[];
  /** Persons without a seat in advisory groups (庄浪's experts): they attend their panel's trainings. */
  advisers: number[];
  /** Seats that take part in activities at stations (the 进站率 numerator). */
  enterers: Set<Seat>;
  /** Entering seats that must have taken part at a station by a day (镇平's article: the seats sitting on its date). */
  enteredBy: Map<Seat, string>;
};

export function emptyWorld(people: (data: Dataset) => PersonFactory): World {
  const data = new Dataset();
  return {
    data,
    regions: new Map(),
    provinces: [],
    cities: [],
    counties: [],
    people: people(data),
    officials: new Map(),
    organisations: new Map(),
    seats: [],
    stations: [],
    assignments: [],
    groups: [],
    advisers: [],
    enterers: new Set(),
    enteredBy: new Map(),
  };
}
