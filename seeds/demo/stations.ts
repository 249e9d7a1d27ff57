/**
 * Liaison stations (一家多站): a 人大代表之家 in every township (none in 吉县, which works through 8
 * stations and 78 points), a few county-level homes, and the stations, village rooms and points that
 * belong to the township's home. 兰州 has 113 homes and 480 work stations; 汇川 51 stations and rooms, all
 * brought to standard; 镇平 107 village rooms after 5 pilots. Checklists (八有) follow each county's
 * standard, and the score is the rule's: round(100 × items met / 8).
 */
import type { StationKind } from '../../schema/shared/enums.js';
import { checklist } from '../../server/rules/liaison-station.rules.js';
import type { Random } from '../random.js';
import { placeOn } from './predecessors.js';
import { apportion, coordinate } from './shared.js';
import { communityNames, villageNames } from './texts.js';
import { jixianArticle } from './article-dates.js';
import type { County, RegionRef, Station, World } from './world.js';

/** 兰州's published totals (DOMAIN.md): homes and work stations over the city's eight districts and counties. */
export const lanzhouHomes = 113;
export const lanzhouStations = 480;

const openDays = ['每月5日、20日', '每周三上午', '每月第一个星期五', '每月10日', '每月15日、30日', '每周一至周五（预约）'];
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Stations of each kind per township: rooms and points go to towns, work stations everywhere. */
function plan(county: County, lanzhouShare: Map<string, number>): Map<string, Record<StationKind, number>> {
  const { stations } = county.profile;
  const rural = county.congressTownships;
  const stationCounts = lanzhouShare.size
    ? county.townships.map((township) => lanzhouShare.get(township.code) ?? 0)
    : apportion(
        stations.stations,
        county.townships.map((township) => township.population),
      );
  const rooms = apportion(
    stations.rooms,
    rural.map((township) => township.population),
  );
  const points = apportion(
    stations.points,
    rural.map((township) => township.population),
  );
  return new Map(
    county.townships.map((township, index) => {
      const r = rural.indexOf(township);
      return [township.code, { HOME: stations.noHomes ? 0 : 1, STATION: stationCounts[index], ROOM: r < 0 ? 0 : rooms[r], POINT: r < 0 ? 0 : points[r] }];
    }),
  );
}

function establishedOn(random: Random, county: County, kind: StationKind, index: number): string {
  if (county.region.code === '520303') return random.date(kind === 'HOME' ? '2016-03-01' : '2018-03-01', '2021-10-31');
  if (county.region.code === '411324' && kind === 'ROOM') return index < 5 ? random.date('2019-03-01', '2019-06-30') : random.date('2020-01-01', '2021-06-30');
  const ranges: Record<StationKind, [string, string]> = {
    HOME: ['2015-03-01', '2019-06-30'],
    STATION: ['2017-06-01', '2022-12-31'],
    ROOM: ['2019-01-01', '2023-06-30'],
    POINT: ['2019-05-01', '2022-10-31'],
  };
  // 吉县's 8 stations and 78 points stood before its article (before the 2021 换届).
  if (county.region.code === jixianArticle.county && (kind === 'STATION' || kind === 'POINT')) return random.date(ranges[kind][0], jixianArticle.date);
  return random.date(...ranges[kind]);
}

export function generateStations(world: World, random: Random): void {
  const lanzhou = world.counties.filter((county) => county.city.code === '620100');
  const lanzhouTownships = lanzhou.flatMap((county) => county.townships);
  const split = apportion(
    lanzhouStations,
    lanzhouTownships.map((township) => (township.kind === 'STREET' ? 5.6 : 3.2)),
  );
  const lanzhouShare = new Map(lanzhouTownships.map((township, index) => [township.code, split[index]]));

  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const officials = world.officials.get(county.region.code)!;
    const perTownship = plan(county, county.city.code === '620100' ? lanzhouShare : new Map());
    const counters: Record<StationKind, number> = { HOME: 0, STATION: 0, ROOM: 0, POINT: 0 };
    const add = (kind: StationKind, township: RegionRef | null, village: string, parentId: number | null, responsible: number): Station => {
      const where = township ?? county.region;
      // Homes are better equipped than rooms and points; a county at 1 (汇川) has every item everywhere.
      const level = county.profile.stations.standard;
      const standard = level >= 1 ? 1 : Math.min(1, Math.max(0, level + (kind === 'HOME' ? 0.08 : kind === 'STATION' ? 0 : -0.08)));
      const items = Object.fromEntries(checklist.map((item) => [snake(item), local.chance(standard)]));
      const met = Object.values(items).filter(Boolean).length;
      const suffix = { HOME: '人大代表之家', STATION: county.city.code === '620100' ? '人大代表工作站' : '代表联络站', ROOM: '代表联络室', POINT: '代表联络点' }[kind];
      const name = kind === 'HOME' ? `${where.name}${suffix}` : `${where.name}${village}${suffix}`;
      const jitter = kind === 'HOME' ? 0.006 : 0.03;
      const on = establishedOn(local, county, kind, counters[kind]++);
      const id = world.data.add('liaison_station', {
        name,
        kind,
        region_id: placeOn(where, on).id,
        parent_id: parentId,
        village,
        address: `${county.region.name}${township?.name ?? ''}${village}${village.endsWith('社区') ? '社区服务中心' : '党群服务中心'}`,
        latitude: coordinate(where.center[0] + (local.next() - 0.5) * jitter),
        longitude: coordinate(where.center[1] + (local.next() - 0.5) * jitter),
        established_on: on,
        ...items,
        standard_score: Math.round((100 * met) / checklist.length),
        responsible_person_id: responsible,
        open_days: local.pick(openDays),
      });
      const station: Station = { id, kind, name, county, township, regionId: where.id, village, establishedOn: on, parentId };
      world.stations.push(station);
      return station;
    };

    for (let i = 0; i < county.profile.stations.extraHomes; i++) {
      add('HOME', null, communityNames(local, 1)[0], null, officials.committees.get('代表人事选举任免')!);
    }
    // Streets have communities; so has the county seat's town where a county has no streets (城关镇, 石洞镇 …).
    const seatTown = county.townships.some((township) => township.kind === 'STREET') ? null : county.townships[0];
    for (const township of county.townships) {
      const counts = perTownship.get(township.code)!;
      const names = new Set<string>();
      const urban = township.kind === 'STREET' || township === seatTown;
      const place = (kind: StationKind) => (urban && kind !== 'ROOM' ? communityNames : villageNames)(local, 1, names)[0];
      const chair = officials.townshipChairs.get(township.code)!;
      const staff = officials.townshipStaff.get(township.code)!;
      const home = counts.HOME ? add('HOME', township, place('HOME'), null, chair) : null;
      for (const kind of ['STATION', 'ROOM', 'POINT'] as const) {
        for (let i = 0; i < counts[kind]; i++) add(kind, township, place(kind), home?.id ?? null, local.chance(0.3) ? chair : local.pick(staff));
      }
    }
  }
  const homes = world.stations.filter((station) => station.kind === 'HOME' && station.county.city.code === '620100').length;
  if (homes !== lanzhouHomes) throw new Error(`兰州 has ${homes} homes, not the published ${lanzhouHomes}`);
}
