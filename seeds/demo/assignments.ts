/**
 * Station assignments (编入) and who takes part in station activities. Each county assigns its seats at
 * its own rate (lower in the previous term: the trend), township and county deputies near home, municipal
 * and provincial deputies at homes; 兰州 places exactly 353 municipal deputies in community work stations
 * and the rest at homes; 镇平 places nearly everyone in village rooms. The share of active seats entering
 * stations is exact per county, chosen among the assigned. 镇平's article (2021-09-03) holds on its day too:
 * every seat sitting then is assigned by then, and exactly 91% of its own took part at a station since 2019.
 */
import type { Random } from '../random.js';
import { addDays } from '../random.js';
import { zhenpingArticle } from './article-dates.js';
import { maxDate, minDate, quota, referenceDate } from './shared.js';
import type { County, Seat, Station, World } from './world.js';

/** 兰州 municipal deputies placed in community work stations (DOMAIN.md). */
export const lanzhouMunicipalInCommunities = 353;

const inCommunity = (station: Station) => station.kind === 'STATION' && station.village.endsWith('社区');
const isActive = (seat: Seat) => seat.current && seat.endedOn === null;
/** Levels whose seats belong to the county's own subtree (its metrics' denominators). */
const ownLevels = new Set(['TOWNSHIP', 'COUNTY', 'MUNICIPAL']);

/** Whether a seat sits on `date` (as the published figures count it: ended on that day is no longer sitting). */
export const sitsOn = (seat: Seat, date: string) => seat.electedOn <= date && (seat.endedOn === null || seat.endedOn > date);

/** Assigns `seat` to one of `choices` open before its seat ends (and by `by`, when it must be assigned by a day). */
function assign(world: World, random: Random, seat: Seat, choices: Station[], by: string = referenceDate): boolean {
  const last = minDate(seat.endedOn ?? referenceDate, referenceDate, by);
  const open = choices.filter((station) => station.establishedOn < last);
  if (!open.length) return false;
  const station = random.pick(open);
  const startsOn = minDate(addDays(maxDate(seat.electedOn, station.establishedOn), random.int(0, 75)), last);
  world.data.add('station_assignment', { deputy_id: seat.id, station_id: station.id, starts_on: startsOn, ends_on: seat.endedOn });
  world.assignments.push({ seat, station, startsOn, endsOn: seat.endedOn });
  return true;
}

/** Where a seat may be assigned: its township's stations, preferring rooms where the county does; homes for higher levels. */
function choicesFor(random: Random, county: County, seat: Seat, stations: Station[]): Station[] {
  const local = stations.filter((station) => station.township === seat.township);
  const homes = stations.filter((station) => station.kind === 'HOME');
  if (seat.level === 'PROVINCIAL' || seat.level === 'NATIONAL' || seat.level === 'MUNICIPAL') {
    const near = local.filter((station) => station.kind === 'HOME');
    return near.length ? near : homes.length ? homes : local.length ? local : stations;
  }
  const rooms = local.filter((station) => station.kind === 'ROOM');
  if (county.profile.roomShare && rooms.length && random.chance(county.profile.roomShare)) return rooms;
  const weighted = local.flatMap((station) => Array(station.kind === 'HOME' ? 1 : 2).fill(station) as Station[]);
  return weighted.length ? weighted : homes.length ? homes : stations;
}

export function generateAssignments(world: World, random: Random): void {
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const stations = world.stations.filter((station) => station.county === county);
    const seats = world.seats.filter((seat) => seat.county === county);
    const [previousRate, currentRate] = county.profile.assignment;
    const active = seats.filter(isActive);
    const chosen = quota(local, active.length, Math.round(active.length * currentRate));
    const assigned = new Set<Seat>();
    const activeIndex = new Map(active.map((seat, index) => [seat, index]));
    // 兰州's active municipal deputies are placed together below, against the published 353.
    const lanzhouMunicipal = new Set(county.city.code === '620100' ? active.filter((seat) => seat.level === 'MUNICIPAL') : []);

    // 镇平's article: every seat sitting on its date assigned by then ("全部编组").
    const article = county.region.code === zhenpingArticle.county ? zhenpingArticle.date : null;
    for (const seat of seats) {
      if (lanzhouMunicipal.has(seat)) continue;
      const index = activeIndex.get(seat);
      const due = article && sitsOn(seat, article) ? article : undefined;
      const wanted = due !== undefined || (index !== undefined ? chosen.has(index) : local.chance(seat.current ? currentRate : previousRate));
      if (!wanted) continue;
      if (assign(world, local, seat, choicesFor(local, county, seat, stations), due)) assigned.add(seat);
      else if (due) throw new Error(`${county.region.name}: no station open by ${due} for seat ${seat.id}`);
    }
    for (const seat of lanzhouMunicipal) assigned.add(seat);
    chooseEnterers(world, local, county, seats, assigned, article);
  }
  placeLanzhouMunicipal(world, random.fork('兰州'));
}

/** 兰州's active municipal deputies: exactly 353 in community work stations of their district, the others at homes. */
function placeLanzhouMunicipal(world: World, random: Random): void {
  const seats = world.seats.filter((seat) => isActive(seat) && seat.level === 'MUNICIPAL' && seat.county.city.code === '620100');
  const inCommunities = quota(random, seats.length, lanzhouMunicipalInCommunities);
  seats.forEach((seat, index) => {
    const stations = world.stations.filter((station) => station.county === seat.county);
    const choices = inCommunities.has(index) ? stations.filter(inCommunity) : stations.filter((station) => station.kind === 'HOME');
    if (!assign(world, random, seat, choices)) throw new Error(`兰州: no station for municipal deputy seat ${seat.id} in ${seat.county.region.name}`);
  });
}

/**
 * Exactly round(entry × active own seats) take part in station activities, all of them assigned; others by chance.
 * On an article's date (镇平), likewise exactly round(its entry × own seats sitting then), who must have taken part by then.
 */
function chooseEnterers(world: World, random: Random, county: County, seats: Seat[], assigned: Set<Seat>, article: string | null): void {
  const [previousEntry, currentEntry] = county.profile.entry;
  const own = seats.filter((seat) => isActive(seat) && ownLevels.has(seat.level));
  const isOwn = new Set(own);
  const pick = (group: Seat[], rate: number) => {
    const target = Math.round(group.length * rate);
    const candidates = group.filter((seat) => assigned.has(seat));
    if (candidates.length < target) throw new Error(`${county.region.name}: ${candidates.length} assigned seats cannot give a station entry rate of ${rate}`);
    return [...quota(random, candidates.length, target)].map((index) => candidates[index]);
  };
  for (const seat of pick(own, currentEntry)) world.enterers.add(seat);
  if (article) {
    const sitting = seats.filter((seat) => sitsOn(seat, article) && ownLevels.has(seat.level));
    const overlap = sitting.filter((seat) => isOwn.has(seat));
    if (overlap.length) throw new Error(`${county.region.name}: ${overlap.length} seats sit both on ${article} and at the reference date; one quota cannot rule both`);
    for (const seat of pick(sitting, zhenpingArticle.entry)) {
      world.enterers.add(seat);
      world.enteredBy.set(seat, article);
    }
    for (const seat of sitting) isOwn.add(seat);
  }
  for (const seat of seats) {
    if (!assigned.has(seat) || isOwn.has(seat)) continue;
    if (random.chance(seat.current ? currentEntry : previousEntry)) world.enterers.add(seat);
  }
}
