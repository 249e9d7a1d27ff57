/**
 * Activities (履职活动) with their participants, 2019–2024: at stations (receptions, reports to voters,
 * study, inspections) at each county's rate and trend, by groups, and county-wide (列席常委会, 执法检查,
 * 集中视察), and 兰州's municipal ones with its reports to voters (city-activities.ts). Only the seats chosen as entering stations (assignments.ts) take part at stations, and
 * every one of the current term does at least once, so each county's 进站率 is exactly its profile's.
 */
import type { ActivityKind, GroupKind } from '../../schema/shared/enums.js';
import type { Random } from '../random.js';
import { ActivityLog } from './activity-log.js';
import { huichuanActivities, jingchuanReceptionDay, lingtaiGroupActivities2020 } from './activity-figures.js';
import { lanzhouActivities } from './city-activities.js';
import { around, covers, maxDate, minDate, referenceDate, since, years } from './shared.js';
import type { County, Group, Seat, Station, World } from './world.js';

const stationKinds: Partial<Record<ActivityKind, number>> = { VOTER_RECEPTION: 5, REPORT_TO_VOTERS: 1.5, TRAINING: 1.2, INSPECTION: 1, RESEARCH: 0.8, OTHER: 0.4 };
/** Activities at a station, relative to a home's. */
const kindFactor = { HOME: 0.6, STATION: 0.22, ROOM: 0.18, POINT: 0.16 };
const titles: Record<ActivityKind, string> = {
  VOTER_RECEPTION: '代表接待选民活动',
  INSPECTION: '代表集中视察活动',
  RESEARCH: '代表专题调研活动',
  LAW_ENFORCEMENT_CHECK: '执法检查',
  TRAINING: '代表学习培训',
  ATTEND_SESSION: '代表列席常委会会议',
  REPORT_TO_VOTERS: '代表向选民述职评议活动',
  HEARING: '代表参加听证评议会',
  GROUP_ACTIVITY: '代表小组活动',
  OTHER: '代表联络活动',
};
/** Activities a year of a group of each kind. */
const groupRate: Record<GroupKind, number> = { REGIONAL: 0.25, PROFESSIONAL: 1.6, FUNCTIONAL: 1.2, ADVISORY: 1.6 };

function stationActivities(log: ActivityLog, random: Random, county: County, station: Station): void {
  const { rate, trend, voters, size } = county.profile.activity;
  years.forEach((year, y) => {
    const count = around(random, rate * Math.pow(trend, y) * kindFactor[station.kind]);
    for (let i = 0; i < count; i++) {
      const kind = random.weighted(stationKinds as Record<ActivityKind, number>);
      const heldOn = log.day(year, station.establishedOn, (date) => log.allowed(county, kind, date, station));
      if (!heldOn) continue;
      const present = log.enteringOn(station, heldOn);
      if (!present.length) continue;
      const receiving = kind === 'VOTER_RECEPTION' || kind === 'REPORT_TO_VOTERS';
      const received = receiving ? around(random, voters * (kind === 'REPORT_TO_VOTERS' ? 1.8 : 1)) : 0;
      const issues = around(random, receiving ? received / 4 : 2);
      const title = `${station.name}${titles[kind]}`;
      log.add({ kind, title, heldOn, regionId: station.regionId, station, voters: received, issues }, random.sample(present, Math.max(1, around(random, size - 0.8))));
    }
  });
}

function groupActivities(log: ActivityLog, random: Random, county: County | null, group: Group): void {
  const lingtai2020 = lingtaiGroupActivities2020(group);
  for (const year of years) {
    const count = year === 2020 && lingtai2020 !== undefined ? lingtai2020 : around(random, groupRate[group.kind]);
    for (let i = 0; i < count; i++) {
      const kind: ActivityKind = random.pick(['GROUP_ACTIVITY', 'GROUP_ACTIVITY', 'RESEARCH', 'INSPECTION']);
      const fits = (date: string) => (county ? log.allowed(county, kind, date, null) : date <= referenceDate) && log.membersOn(group, date).length > 0;
      const heldOn = log.day(year, group.foundedOn, fits);
      if (!heldOn) continue;
      const present = log.membersOn(group, heldOn);
      log.add({ kind, title: `${group.name}${titles[kind]}`, heldOn, regionId: group.regionId, group, issues: around(random, 3) }, random.sample(present, Math.max(2, around(random, 4))));
    }
  }
}

function countyActivities(log: ActivityLog, random: Random, county: County): void {
  const plan: [ActivityKind, number, number][] = [
    ['ATTEND_SESSION', 4, 2],
    ['LAW_ENFORCEMENT_CHECK', 1, 5],
    ['INSPECTION', 2, 6],
  ];
  for (const year of years) {
    for (const [kind, perYear, size] of plan) {
      for (let i = 0; i < around(random, perYear, 0.4); i++) {
        const heldOn = log.day(year, `${year}-01-01`, (date) => log.allowed(county, kind, date, null));
        if (!heldOn) continue;
        const present = log.seatsOn(county, ['COUNTY'], heldOn);
        if (!present.length) continue;
        const title = `${county.region.name}人大常委会组织${titles[kind]}`;
        log.add({ kind, title, heldOn, regionId: county.region.id, issues: around(random, 4) }, random.sample(present, Math.max(1, around(random, size))));
      }
    }
  }
}

/**
 * Every current-term seat entering stations takes part at least once at its station while assigned there;
 * a seat that must have entered by a day (镇平's article) does so since 2019 and by that day.
 */
function coverEnterers(log: ActivityLog, random: Random, world: World): void {
  for (const assignment of world.assignments) {
    const { seat, station } = assignment;
    const by = world.enteredBy.get(seat);
    if (!world.enterers.has(seat)) continue;
    if (by === undefined && (!seat.current || log.entered.has(seat))) continue;
    if (by !== undefined && (log.firstEntered.get(seat) ?? referenceDate) <= by) continue;
    const from = maxDate(assignment.startsOn, station.establishedOn, since);
    const to = minDate(assignment.endsOn ?? referenceDate, referenceDate, by ?? referenceDate);
    const held = (log.byStation.get(station) ?? []).filter((activity) => covers(from, to, activity.heldOn));
    if (held.length) {
      log.join(random.pick(held), seat);
      continue;
    }
    let heldOn = random.date(from, to);
    for (let attempt = 0; attempt < 8 && !log.allowed(station.county, 'VOTER_RECEPTION', heldOn, station); attempt++) heldOn = random.date(from, to);
    const voters = around(random, station.county.profile.activity.voters);
    log.add({ kind: 'VOTER_RECEPTION', title: `${station.name}${titles.VOTER_RECEPTION}`, heldOn, regionId: station.regionId, station, voters, issues: around(random, voters / 4) }, [seat]);
  }
}

export function generateActivities(world: World, random: Random): void {
  const log = new ActivityLog(world, random.fork('days'));
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    for (const station of world.stations.filter((candidate) => candidate.county === county)) stationActivities(log, local, county, station);
    countyActivities(log, local, county);
    if (county.region.code === '620821') jingchuanReceptionDay(log, local, county);
    if (county.region.code === '520303') huichuanActivities(log, local, county);
  }
  const groups = random.fork('groups');
  for (const group of world.groups) groupActivities(log, groups, group.county, group);
  coverEnterers(log, random.fork('coverage'), world);
  lanzhouActivities(log, random.fork('兰州'), world);
  const missing = [...world.enterers].filter((seat: Seat) => seat.current && seat.endedOn === null && !log.entered.has(seat));
  if (missing.length) throw new Error(`${missing.length} entering seats never took part in a station activity`);
  const late = [...world.enteredBy].filter(([seat, by]) => (log.firstEntered.get(seat) ?? '9999-12-31') > by);
  if (late.length) throw new Error(`${late.length} seats did not take part at a station by their article's date`);
}
