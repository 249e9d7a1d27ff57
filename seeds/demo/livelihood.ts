/**
 * Livelihood projects chosen by the deputies' vote (民生实事项目代表票决制): each county votes on a list of
 * candidates at its annual session from the year it adopted the practice (泾川 since 2013: over ten
 * years); 镇平's townships and streets vote too, each on three candidates choosing two a year (a street, having
 * no congress, through the county deputies living in it, convened by its 人大工委), so every one of its units has
 * projects chosen. 镇平 took up the practice in 2017 and its units in 2018, so that over 150 are completed by its
 * article's date (2021-09-03, 办成民生实事超过150件). Each project carries the day of its vote; selected ones are
 * built and completed, recent ones still in progress; the others are rejected.
 */
import type { ProjectStatus } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { congressOf, sessionIn } from './calendar.js';
import { covers, minDate, referenceDate, shortName, yuan } from './shared.js';
import { livelihoodTitles } from './texts.js';
import type { County, RegionRef, Seat, World } from './world.js';

/** One year's vote in `region`'s congress on `votedOn`: `candidates` projects, the first `selected` chosen; `voters` deputies sitting. */
function vote(world: World, random: Random, region: RegionRef, votedOn: string, candidates: number, selected: number, voters: number, prefix: string): void {
  const year = Number(votedOn.slice(0, 4));
  const present = Math.max(20, Math.round(voters * (0.88 + 0.1 * random.next())));
  const titles = random.sample(livelihoodTitles, candidates);
  titles.forEach((title, index) => {
    const chosen = index < selected;
    const votesFor = Math.round(present * (chosen ? 0.6 + 0.38 * random.next() : 0.2 + 0.29 * random.next()));
    const abstain = Math.round((present - votesFor) * 0.2 * random.next());
    const inProgress = chosen && (year === 2024 ? random.chance(0.8) : year >= 2022 && random.chance(0.15));
    const status: ProjectStatus = !chosen ? 'REJECTED' : inProgress ? 'IN_PROGRESS' : 'COMPLETED';
    world.data.add('livelihood_project', {
      year,
      region_id: region.id,
      title: `${prefix}${title}`,
      budget: yuan(random.int(5, 200) * (region.kind === 'TOWN' || region.kind === 'TOWNSHIP' ? 10_000 : 100_000)),
      votes_for: votesFor,
      votes_against: present - votesFor - abstain,
      voted_on: votedOn,
      status,
      completed_on: status === 'COMPLETED' ? minDate(random.date(`${year}-07-01`, `${year + 1}-06-30`), addDays(referenceDate, -random.int(0, 90))) : null,
    });
  });
}

/** Deputies of `region`'s own congress sitting on `date`: the voters. */
function sitting(seats: Seat[], region: RegionRef, level: string, date: string): number {
  return seats.filter((seat) => seat.regionId === region.id && seat.level === level && covers(seat.electedOn, seat.endedOn, date)).length;
}

export function generateLivelihoodProjects(world: World, random: Random): void {
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const seats = world.seats.filter((seat) => seat.county === county);
    const { since, candidates, selected, townshipsSince } = county.profile.livelihood;
    for (let year = since; year <= 2024; year++) {
      const date = `${year}-${county.profile.sessionDay}`;
      const voters = sitting(seats, county.region, 'COUNTY', date) || county.profile.deputies.county;
      // Voted at the year's session (the calendar's from 2017, the profile's day before: its draws stay as they were).
      const votedOn = year >= 2017 ? sessionIn(congressOf(county), year).date : date;
      vote(world, local, county.region, votedOn, candidates, selected, voters, shortName(county.region.name));
      if (townshipsSince !== undefined && year >= townshipsSince) townshipVotes(world, local, county, seats, year);
    }
  }
}

/**
 * 镇平's townships and streets vote on their own projects each year: a township's congress, and in a street (no
 * congress) the county deputies living there, convened by its 人大工委.
 */
function townshipVotes(world: World, random: Random, county: County, seats: Seat[], year: number): void {
  const date = `${year}-03-15`;
  for (const township of county.townships) {
    const voters =
      township.kind === 'STREET'
        ? seats.filter((seat) => seat.level === 'COUNTY' && seat.township === township && covers(seat.electedOn, seat.endedOn, date)).length
        : sitting(seats, township, 'TOWNSHIP', date);
    vote(world, random, township, date, 3, 2, voters, township.name);
  }
}
