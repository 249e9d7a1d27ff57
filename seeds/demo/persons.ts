/**
 * Persons of the demo: generated names, valid resident ID numbers unique in the set and agreeing with
 * gender and birth date, and attributes that fit the person's role (a farmer deputy, an official …).
 */
import type { DeputyComposition, Education, Ethnicity, Gender, PoliticalStatus } from '../../schema/shared/enums.js';
import type { Dataset } from '../dataset.js';
import { idNumber, mobile, personName } from '../people.js';
import type { Random } from '../random.js';
import { referenceDate } from './shared.js';
import { communityNames, villageNames } from './texts.js';
import type { County, RegionRef } from './world.js';

export type Role = DeputyComposition;

export type PersonSpec = {
  county: County;
  township?: RegionRef;
  role: Role;
  workplace: string;
  gender?: Gender;
  /** Share of women when no gender is given. */
  women?: number;
  /** Age range on the reference date. */
  age?: [number, number];
};

export type PersonRef = { id: number; name: string; gender: Gender; birthDate: string };

const educationByRole: Record<Role, Partial<Record<Education, number>>> = {
  FARMER: { PRIMARY: 1, JUNIOR_SECONDARY: 5, SENIOR_SECONDARY: 4, JUNIOR_COLLEGE: 2 },
  WORKER: { JUNIOR_SECONDARY: 3, SENIOR_SECONDARY: 5, JUNIOR_COLLEGE: 3, BACHELOR: 1 },
  PROFESSIONAL: { JUNIOR_COLLEGE: 2, BACHELOR: 6, MASTER: 2, DOCTORATE: 0.3 },
  OFFICIAL: { JUNIOR_COLLEGE: 1, BACHELOR: 6, MASTER: 3 },
  MILITARY: { BACHELOR: 3, MASTER: 1 },
  OTHER: { SENIOR_SECONDARY: 3, JUNIOR_COLLEGE: 3, BACHELOR: 3 },
};

const partyByRole: Record<Role, Partial<Record<PoliticalStatus, number>>> = {
  FARMER: { CPC_MEMBER: 6, MASSES: 4 },
  WORKER: { CPC_MEMBER: 5, MASSES: 4, YOUTH_LEAGUE: 1 },
  PROFESSIONAL: { CPC_MEMBER: 5, DEMOCRATIC_PARTY: 2, NON_PARTISAN: 1, MASSES: 2 },
  OFFICIAL: { CPC_MEMBER: 9, DEMOCRATIC_PARTY: 1 },
  MILITARY: { CPC_MEMBER: 1 },
  OTHER: { CPC_MEMBER: 4, DEMOCRATIC_PARTY: 1, NON_PARTISAN: 2, MASSES: 3 },
};

export class PersonFactory {
  private readonly used = new Set<string>();
  private serial = 0;

  constructor(private readonly data: Dataset) {}

  add(random: Random, spec: PersonSpec): PersonRef {
    const { county } = spec;
    const people = county.profile.people;
    const gender: Gender = spec.gender ?? (random.chance(spec.women ?? people.women) ? 'FEMALE' : 'MALE');
    const [youngest, oldest] = spec.age ?? [Math.max(26, people.age - 16), Math.min(68, people.age + 16)];
    const year = Number(referenceDate.slice(0, 4));
    const birthDate = random.date(`${year - oldest}-01-01`, `${year - youngest}-12-31`);
    let id = idNumber(county.region.code, birthDate, gender, this.serial++);
    while (this.used.has(id)) id = idNumber(county.region.code, birthDate, gender, this.serial++);
    this.used.add(id);
    const ethnicity: Ethnicity = random.chance(people.minority) ? random.pick(people.ethnicities) : 'HAN';
    const name = personName(random, gender);
    const township = spec.township ?? random.pick(county.townships);
    const home = township.kind === 'STREET' ? `${communityNames(random, 1)[0]}${random.int(1, 180)}号` : villageNames(random, 1)[0];
    const personId = this.data.add('person', {
      name,
      gender,
      ethnicity,
      birth_date: birthDate,
      id_number: id,
      mobile: mobile(random),
      address: `${county.province.name}${county.city.name}${county.region.name}${township.name}${home}`,
      education: random.weighted(educationByRole[spec.role] as Record<Education, number>),
      political_status: random.weighted(partyByRole[spec.role] as Record<PoliticalStatus, number>),
      workplace: spec.workplace,
      // The county's office registers its people (a township's deputies too): its clerks keep the record.
      region_id: county.region.id,
    });
    return { id: personId, name, gender, birthDate };
  }
}

const sectors: Record<Role, string[]> = {
  FARMER: ['农业', '林果业', '畜牧业', '农民专业合作社'],
  WORKER: ['制造业', '建筑业', '交通运输', '能源', '批发零售'],
  PROFESSIONAL: ['教育', '医疗卫生', '金融', '科研', '法律服务'],
  OFFICIAL: ['党政机关'],
  MILITARY: ['军队'],
  OTHER: ['社会服务', '个体经营', '民营企业'],
};

const posts: Record<Role, string[]> = {
  FARMER: ['{township}{village}党支部书记', '{township}{village}村民委员会主任', '{township}{village}种植大户', '{township}{village}养殖户', '{township}{village}专业合作社理事长'],
  WORKER: ['{county}建筑工程有限公司职工', '{county}供电公司职工', '{county}公交公司驾驶员', '{county}水泥厂职工', '{county}食品有限公司职工'],
  PROFESSIONAL: ['{county}人民医院医生', '{county}第一中学教师', '{township}中心小学教师', '{county}农业技术推广中心农艺师', '{township}卫生院医生', '{county}律师事务所律师'],
  OFFICIAL: ['{township}党委书记', '{township}人民政府镇长', '{county}发展和改革局局长', '{county}农业农村局局长', '{county}教育局局长'],
  MILITARY: ['中国人民解放军驻{county}某部'],
  OTHER: ['{county}商贸有限公司总经理', '个体工商户', '{county}社会工作服务中心主任', '{county}文化传媒有限公司经理'],
};

const expertise: Record<Role, string[]> = {
  FARMER: ['苹果种植', '畜牧养殖', '蔬菜种植', '电子商务', '乡村治理', '农产品加工'],
  WORKER: ['建筑工程', '安全生产', '企业管理', '机械维修', '交通运输'],
  PROFESSIONAL: ['基础教育', '临床医学', '财务会计', '法律', '农业技术', '生态环保'],
  OFFICIAL: ['乡村治理', '财政预算', '法律', '社会工作', '经济管理', '城乡规划'],
  MILITARY: ['国防动员', '应急救援'],
  OTHER: ['电子商务', '文化旅游', '社会工作', '企业管理', '商贸流通'],
};

/** The sector, post and expertise of a deputy of the given composition category. */
export function occupation(random: Random, role: Role, places: Record<string, string>): { sector: string; workplace: string; expertise: string } {
  const workplace = random.pick(posts[role]).replace(/\{(\w+)\}/g, (_, key: string) => places[key] ?? '');
  return { sector: random.pick(sectors[role]), workplace, expertise: random.sample(expertise[role], random.int(1, 2)).join('、') };
}
