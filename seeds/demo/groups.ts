/**
 * Deputy groups and their memberships: a regional group in every township of most counties, the
 * professional and functional groups profiles.ts names, and the published ones — 灵台's five
 * professional groups and its township functional groups (白草坡 with 9 deputies), 庄浪's 21-member
 * expert advisory panel of 2019-07-04, and 兰州's 8 municipal and 7 provincial deputy groups.
 */
import type { GroupKind, MembershipRole } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import { nameOn } from '../divisions/dated-divisions.js';
import { placeOn, succession, validOn } from './predecessors.js';
import { maxDate, minDate, referenceDate } from './shared.js';
import type { County, Group, RegionRef, Seat, World } from './world.js';

/** 灵台县's professional groups (DOMAIN.md), each convened by the head of the matching working committee. */
export const lingtaiProfessional: [focus: string, committee: string, size: number][] = [
  ['红牛产业', '农业农村', 6],
  ['苹果产业', '财政经济', 5],
  ['蔬菜产业', '农业农村', 6],
  ['教育文化', '教育科学文化卫生', 5],
  ['医疗卫生', '社会建设', 5],
];
export const lingtaiFunctions = ['苹果', '养牛', '蔬菜', '劳务', '卫生健康服务', '矛盾纠纷化解'];
export const baicaopo = { township: '西屯镇', name: '西屯镇白草坡代表小组', members: 9 };
/** 庄浪县's expert advisory panel (专家咨询团): 21 members, of whom `deputies` county deputies and the others experts without a seat. */
export const zhuanglangPanel = { name: '庄浪县人大常委会专家咨询团', foundedOn: '2019-07-04', members: 21, deputies: 8 };
/** The experts' workplaces: the county's hospitals, schools, technical services and law firms. */
const panelExperts = [
  '庄浪县人民医院主任医师',
  '庄浪县第一中学高级教师',
  '庄浪县农业技术推广中心高级农艺师',
  '庄浪县果业发展中心高级农艺师',
  '甘肃陇原律师事务所律师',
  '庄浪县水务局高级工程师',
  '庄浪县审计事务所注册会计师',
  '庄浪县中医医院副主任医师',
  '庄浪县畜牧兽医站高级兽医师',
  '庄浪县自然资源局高级工程师',
  '平凉职业技术学院副教授',
  '庄浪县林业和草原局高级工程师',
  '庄浪县统计局高级统计师',
];
export const lanzhouMunicipalGroups = ['法制', '财政经济', '农业农村', '城乡建设', '教育科技', '文化旅游', '卫生健康', '生态环境'];
export const lanzhouProvincialGroups = ['法制', '财政经济', '农业农村', '城建环保', '教科文卫', '民族宗教', '社会建设'];

const active = (seat: Seat) => seat.current && seat.endedOn === null;

class Groups {
  constructor(
    private readonly world: World,
    private readonly random: Random,
  ) {}

  create(kind: GroupKind, name: string, region: RegionRef, county: County | null, foundedOn: string, focus: string | null, convener: number | null, dissolvedOn: string | null = null): Group {
    const id = this.world.data.add('deputy_group', {
      name,
      kind,
      region_id: placeOn(region, foundedOn).id,
      focus,
      founded_on: foundedOn,
      convener_id: convener,
      dissolved_on: dissolvedOn,
      active: dissolvedOn === null,
    });
    const group: Group = { id, kind, name, regionId: region.id, county, foundedOn, dissolvedOn, members: [] };
    this.world.groups.push(group);
    return group;
  }

  /**
   * Memberships from `joinedFrom` on (never before the seat or the group), leaving when the seat ends; the first
   * leads (组长) and the second liaises, or, with `led` false, the first liaises and nobody leads. Given a group's
   * succession (`townshipGroups`), a seat joins the group of its joining day and, still sitting when that one is
   * dissolved, moves to its successor that day in the same role.
   */
  enrol(groups: Group | Group[], seats: Seat[], joinedFrom: string, led = true): void {
    const chain = Array.isArray(groups) ? groups : [groups];
    const joining = seats.filter((seat) => maxDate(joinedFrom, seat.electedOn, chain[0].foundedOn) <= minDate(seat.endedOn ?? referenceDate, referenceDate));
    joining.forEach((seat, index) => {
      const last = minDate(seat.endedOn ?? referenceDate, referenceDate);
      let joinedOn = minDate(addDays(maxDate(joinedFrom, seat.electedOn, chain[0].foundedOn), this.random.int(0, 40)), last);
      const rank = led ? index : index + 1;
      const role: MembershipRole = rank === 0 ? 'LEADER' : rank === 1 ? 'LIAISON' : 'MEMBER';
      for (const group of chain) {
        const dissolvedOn = group.dissolvedOn;
        if (dissolvedOn !== null && joinedOn >= dissolvedOn) continue;
        const moves = dissolvedOn !== null && (seat.endedOn === null || seat.endedOn > dissolvedOn);
        const leftOn = moves ? dissolvedOn : seat.endedOn;
        this.world.data.add('group_membership', { deputy_id: seat.id, group_id: group.id, role, joined_on: joinedOn, left_on: leftOn });
        group.members.push({ seat, joinedOn, leftOn });
        if (!moves) break;
        joinedOn = dissolvedOn;
      }
    });
  }

  pick(seats: Seat[], count: number): Seat[] {
    return this.random.sample(seats, count);
  }
}

export function generateGroups(world: World, random: Random): void {
  const groups = new Groups(world, random.fork('members'));
  for (const county of world.counties) {
    const local = random.fork(county.region.code);
    const officials = world.officials.get(county.region.code)!;
    const seats = world.seats.filter((seat) => seat.county === county);
    const committee = (name: string) => officials.committees.get(name) ?? officials.committees.get('财政经济')!;
    const current = (level: string, township?: RegionRef) => seats.filter((seat) => active(seat) && seat.level === level && (!township || seat.township === township));

    if (county.profile.groups.regional) {
      for (const township of county.townships) {
        const chain = townshipGroups(groups, 'REGIONAL', township, county, local.date('2017-02-15', '2017-06-30'), null, officials.townshipChairs.get(township.code)!);
        const members = seats.filter((seat) => seat.township === township && (seat.level === 'COUNTY' || (seat.level === 'MUNICIPAL' && local.chance(0.25))));
        groups.enrol(
          chain,
          members.filter((seat) => !seat.current),
          chain[0].foundedOn,
        );
        groups.enrol(
          chain,
          members.filter((seat) => seat.current),
          addDays(county.terms.current.firstSession, 20),
        );
      }
    }
    for (const focus of county.profile.groups.professional) {
      const group = groups.create('PROFESSIONAL', `${focus}代表小组`, county.region, county, local.date('2022-03-01', '2022-06-30'), focus, committee('财政经济'));
      groups.enrol(group, groups.pick([...current('COUNTY'), ...current('MUNICIPAL')], local.int(6, 10)), group.foundedOn);
    }
    for (const focus of county.profile.groups.functional) {
      for (const township of local.sample(county.congressTownships, Math.min(4, county.congressTownships.length))) {
        const chain = townshipGroups(groups, 'FUNCTIONAL', township, county, local.date('2022-04-01', '2022-09-30'), focus, officials.townshipChairs.get(township.code)!);
        groups.enrol(chain, groups.pick([...current('TOWNSHIP', township), ...current('COUNTY', township)], local.int(5, 9)), chain[0].foundedOn);
      }
    }
    if (county.region.code === '620822') lingtai(world, groups, local, county, seats, committee);
    if (county.region.code === '620825') zhuanglang(world, groups, random.fork('专家咨询团'), county, seats, committee);
  }
  lanzhou(world, groups, random.fork('兰州'));
}

/**
 * A township's group founded on `day`, and its successors: a group belongs to the township's region of its day and
 * is named after it as it was called then (花所乡代表小组; 620103201, 魏岭乡's code since 2018, was 黄峪乡), and is
 * dissolved the day a successor region begins (花所乡 made 花所镇 under a new code), when the successor's group is
 * founded (花所镇代表小组) — the succession, oldest first. A township begun after `day` with no predecessor (崆峒区's
 * 四十里铺镇, 2017) founds its group when it begins. The group active today carries its region's current name.
 */
function townshipGroups(groups: Groups, kind: GroupKind, township: RegionRef, county: County, day: string, focus: string | null, convener: number): Group[] {
  const chain = succession(township, day);
  const first = validOn(chain[0], day) ? day : maxDate(day, chain[0].validFrom ?? day);
  return chain.map((region, index) => {
    const next = chain[index + 1];
    const foundedOn = index === 0 ? first : region.validFrom!;
    const name = next ? nameOn(region, foundedOn) : region.name;
    return groups.create(kind, `${name}${focus ?? ''}代表小组`, region, county, foundedOn, focus, convener, next ? next.validFrom! : null);
  });
}

/**
 * 灵台县: five professional groups of provincial, municipal and county deputies (both terms), and the township
 * functional groups. Each professional group is led by the head of its working committee (工委主任), who convenes
 * it and, holding a county seat of the current term (elections.ts seats every committee head), is its 组长; the
 * previous term's members (2019–2021) served under a committee head who held no seat in the demo, so without one.
 */
function lingtai(world: World, groups: Groups, random: Random, county: County, seats: Seat[], committee: (name: string) => number): void {
  // Members: the previous term's seats still sitting when the groups were formed, the current term's sitting now.
  const eligible = (level: string, term: boolean) => seats.filter((seat) => seat.level === level && seat.current === term && (term ? seat.endedOn === null : seat.endedOn! > '2019-05-31'));
  const pools = [false, true].map((term) => ({
    provincial: eligible('PROVINCIAL', term),
    municipal: random.shuffle(eligible('MUNICIPAL', term)),
    county: random.shuffle(eligible('COUNTY', term)),
  }));
  const headSeat = (head: number) => eligible('COUNTY', true).find((seat) => seat.personId === head)!;
  const heads = new Set(lingtaiProfessional.map(([, name]) => headSeat(committee(name))));
  pools[1].county = pools[1].county.filter((seat) => !heads.has(seat));
  lingtaiProfessional.forEach(([focus, name, size], index) => {
    const group = groups.create('PROFESSIONAL', `${focus}代表小组`, county.region, county, '2019-04-16', focus, committee(name));
    [false, true].forEach((term, t) => {
      const pool = pools[t];
      const municipalCount = index % 2 === 0 ? 2 : 1;
      const head = term ? [headSeat(committee(name))] : [];
      const members = [...head, ...pool.county.splice(0, size - 1 - municipalCount - head.length), ...pool.municipal.splice(0, municipalCount), pool.provincial[index % pool.provincial.length]];
      groups.enrol(group, members, term ? addDays(county.terms.current.firstSession, 45) : group.foundedOn, term);
    });
  });
  const towns = county.congressTownships;
  towns.forEach((township, index) => {
    const local = seats.filter((seat) => seat.township === township && seat.current && seat.endedOn === null && (seat.level === 'TOWNSHIP' || seat.level === 'COUNTY'));
    const focuses = [lingtaiFunctions[index % 6], lingtaiFunctions[(index + 2) % 6], ...(index % 2 ? [lingtaiFunctions[(index + 4) % 6]] : [])];
    const chair = world.officials.get(county.region.code)!.townshipChairs.get(township.code)!;
    const pool = random.shuffle([...local]);
    for (const focus of focuses) {
      const group = groups.create('FUNCTIONAL', `${township.name}${focus}代表小组`, township, county, random.date('2020-03-01', '2020-06-30'), focus, chair);
      groups.enrol(group, pool.splice(0, random.int(5, 8)), addDays(county.terms.current.firstSession, 30));
    }
    if (township.name === baicaopo.township) {
      const group = groups.create('FUNCTIONAL', baicaopo.name, township, county, '2020-05-20', null, chair);
      groups.enrol(group, random.sample(local, baicaopo.members), addDays(county.terms.current.firstSession, 30));
    }
  });
}

/**
 * 庄浪县's expert advisory panel (咨询型): experts from the county's hospitals, schools and technical services, who
 * hold no seat, serving since 2019-07-04, with county deputies of professional background (the previous term's
 * until their seats ended, then the current term's). The deputies are drawn as before (the same draws of
 * `groups`), their memberships on the panel's own stream, so no other county's rows move.
 */
function zhuanglang(world: World, groups: Groups, random: Random, county: County, seats: Seat[], committee: (name: string) => number): void {
  const panel = new Groups(world, random);
  const group = panel.create('ADVISORY', zhuanglangPanel.name, county.region, county, zhuanglangPanel.foundedOn, '决策咨询', committee('法制'));
  // County deputies with professional backgrounds first (then others, should there be too few), in both terms.
  const experts = (term: boolean) => {
    const sitting = seats.filter((seat) => seat.level === 'COUNTY' && seat.current === term && (seat.endedOn ?? referenceDate) > zhuanglangPanel.foundedOn && (!term || seat.endedOn === null));
    const professionals = groups.pick(
      sitting.filter((seat) => seat.composition === 'PROFESSIONAL'),
      zhuanglangPanel.members,
    );
    return [
      ...professionals,
      ...groups.pick(
        sitting.filter((seat) => !professionals.includes(seat)),
        zhuanglangPanel.members - professionals.length,
      ),
    ].slice(0, zhuanglangPanel.deputies);
  };
  const [previous, current] = [experts(false), experts(true)];
  panel.enrol(group, previous, zhuanglangPanel.foundedOn);
  panel.enrol(group, current, addDays(county.terms.current.firstSession, 30));
  for (const workplace of panelExperts) {
    const person = world.people.add(random, { county, role: 'PROFESSIONAL', workplace, age: [38, 60] });
    world.data.add('group_membership', { deputy_id: null, person_id: person.id, group_id: group.id, role: 'MEMBER', joined_on: zhuanglangPanel.foundedOn, left_on: null });
    world.advisers.push(person.id);
  }
}

/** 兰州市: 8 groups of municipal deputies and 7 of provincial deputies, formed by the municipal congress. */
function lanzhou(world: World, groups: Groups, random: Random): void {
  const city = world.cities.find((candidate) => candidate.region.code === '620100')!;
  const seats = world.seats.filter((seat) => active(seat) && seat.county.city.code === '620100');
  const conveners = new Map<string, number>();
  const convener = (field: string) => {
    if (!conveners.has(field)) {
      conveners.set(field, world.people.add(random, { county: city.counties[0], role: 'OFFICIAL', workplace: `兰州市人大常委会${field}工作委员会主任`, age: [45, 58] }).id);
    }
    return conveners.get(field)!;
  };
  const municipal = random.shuffle(seats.filter((candidate) => candidate.level === 'MUNICIPAL'));
  for (const field of lanzhouMunicipalGroups) {
    const group = groups.create('PROFESSIONAL', `市人大代表${field}专业小组`, city.region, null, random.date('2022-03-01', '2022-05-31'), field, convener(field));
    groups.enrol(group, municipal.splice(0, random.int(12, 18)), group.foundedOn);
  }
  const provincial = random.shuffle(seats.filter((candidate) => candidate.level === 'PROVINCIAL'));
  const sizes = provincial.length;
  lanzhouProvincialGroups.forEach((field, index) => {
    const group = groups.create('PROFESSIONAL', `省人大代表${field}专业小组`, city.region, null, random.date('2023-03-01', '2023-05-31'), field, convener(field));
    groups.enrol(group, provincial.splice(0, Math.floor(sizes / lanzhouProvincialGroups.length) + (index < sizes % lanzhouProvincialGroups.length ? 1 : 0)), group.foundedOn);
  });
}
