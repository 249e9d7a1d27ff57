/**
 * The activities behind published figures: 灵台's five professional groups held 13 activities in 2020;
 * 泾川 holds a county-wide voter-reception day at every home each year; 汇川's committee leaders made 12
 * township research visits in early 2022, and each street pairs with a town for at least 4 activities a year.
 */
import type { Random } from '../random.js';
import { huichuanResearch, jingchuanReceptionDays, type ActivityLog } from './activity-log.js';
import { lingtaiProfessional } from './groups.js';
import { around, years } from './shared.js';
import type { County, Group, Seat } from './world.js';

/** 灵台's professional groups' activities in 2020 (13 in all, DOMAIN.md), by group in lingtaiProfessional order. */
const lingtai2020 = [3, 3, 3, 2, 2];

export function lingtaiGroupActivities2020(group: Group): number | undefined {
  if (group.county?.region.code !== '620822' || group.kind !== 'PROFESSIONAL') return undefined;
  const index = lingtaiProfessional.findIndex(([focus]) => group.name === `${focus}代表小组`);
  return index < 0 ? undefined : lingtai2020[index];
}

export function jingchuanReceptionDay(log: ActivityLog, random: Random, county: County): void {
  const homes = log.world.stations.filter((station) => station.county === county && station.kind === 'HOME');
  for (const day of jingchuanReceptionDays) {
    for (const home of homes.filter((station) => station.establishedOn <= day)) {
      let present = log.enteringOn(home, day);
      if (!present.length) present = log.seatsOn(county, ['TOWNSHIP', 'COUNTY'], day).filter((seat) => seat.township === home.township && log.world.enterers.has(seat));
      const voters = around(random, county.profile.activity.voters * 2);
      log.add(
        { kind: 'VOTER_RECEPTION', title: `${home.name}全县人大代表集中接待选民日活动`, heldOn: day, regionId: home.regionId, station: home, voters, issues: around(random, voters / 4) },
        random.sample(present, Math.max(2, around(random, 4))),
      );
    }
  }
}

export function huichuanActivities(log: ActivityLog, random: Random, county: County): void {
  const officials = log.world.officials.get(county.region.code)!;
  const leaders = new Set([officials.chair, ...officials.viceChairs]);
  const leaderSeats = (date: string) => log.seatsOn(county, ['COUNTY'], date).filter((seat: Seat) => leaders.has(seat.personId));
  for (const township of random.sample(county.townships, huichuanResearch.visits)) {
    const heldOn = random.date(huichuanResearch.from, huichuanResearch.to);
    log.add(
      { kind: 'RESEARCH', title: `区人大常委会领导赴${township.name}开展专题调研`, heldOn, regionId: township.id, issues: around(random, 5) },
      random.sample(leaderSeats(heldOn), random.int(1, 2)),
    );
  }
  const streets = county.townships.filter((township) => township.kind === 'STREET');
  const towns = county.townships.filter((township) => township.kind !== 'STREET');
  streets.forEach((street, index) => {
    const town = towns[index % towns.length];
    for (const year of years) {
      for (let i = 0; i < 4 + random.int(0, 2); i++) {
        const heldOn = random.date(`${year}-01-01`, `${year}-12-31`);
        const present = log.seatsOn(county, ['COUNTY'], heldOn).filter((seat) => seat.township === street || seat.township === town);
        log.add({ kind: 'OTHER', title: `${street.name}与${town.name}街镇结对共建活动`, heldOn, regionId: street.id, issues: around(random, 3) }, random.sample(present, random.int(2, 4)));
      }
    }
  });
}
