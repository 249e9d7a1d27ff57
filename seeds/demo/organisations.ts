/**
 * Organisations (单位) of each county and of the two cities whose congress handles suggestions: the
 * government and its departments, the supervisory commission, court and procuratorate (一府一委两院),
 * the standing committee and its working committees. 吉县 also has its three special committees; its congress's
 * bodies carry the day they were constituted (the previous term's first session, 2017: its article describes that
 * term), the only establishment dates the demo records.
 */
import type { OrganisationKind, SuggestionCategory } from '../../schema/shared/enums.js';
import type { Random } from '../random.js';
import { jixianArticle } from './article-dates.js';
import { congressOf, sessionIn } from './calendar.js';
import { shortName } from './shared.js';
import type { Organisation, RegionRef, World } from './world.js';

/** Departments by topic; the name follows the region's name (灵台县财政局, 兰州市财政局). */
const departments: [topic: string, suffix: string][] = [
  ['government', '人民政府'],
  ['office', '人民政府办公室'],
  ['development', '发展和改革局'],
  ['industry', '工业和信息化局'],
  ['finance', '财政局'],
  ['education', '教育局'],
  ['health', '卫生健康局'],
  ['agriculture', '农业农村局'],
  ['transport', '交通运输局'],
  ['housing', '住房和城乡建设局'],
  ['resources', '自然资源局'],
  ['water', '水务局'],
  ['civil', '民政局'],
  ['labour', '人力资源和社会保障局'],
  ['culture', '文化和旅游局'],
  ['market', '市场监督管理局'],
  ['justice', '司法局'],
  ['police', '公安局'],
  ['emergency', '应急管理局'],
  ['commerce', '商务局'],
  ['audit', '审计局'],
  ['forestry', '林业和草原局'],
];

/** The standing committee's working committees (工作委员会), heads of which convene professional groups. */
export const committees = ['法制', '财政经济', '农业农村', '教育科学文化卫生', '社会建设', '代表人事选举任免'] as const;

/** 吉县's three special committees of the congress (专门委员会), DOMAIN.md. */
export const jixianSpecialCommittees = ['财政经济', '法制', '社会建设'] as const;

/** Which departments handle a suggestion of each category: the first leads, the others may co-handle. */
export const handlersOf: Record<SuggestionCategory, string[]> = {
  ECONOMY: ['development', 'industry', 'commerce', 'finance'],
  AGRICULTURE: ['agriculture', 'water', 'forestry', 'finance'],
  EDUCATION: ['education', 'finance'],
  HEALTH: ['health', 'civil'],
  TRANSPORT: ['transport', 'housing'],
  ENVIRONMENT: ['environment', 'forestry', 'water'],
  URBAN: ['housing', 'resources'],
  SOCIAL: ['civil', 'labour', 'finance'],
  CULTURE: ['culture', 'education'],
  LAW: ['justice', 'police', 'market'],
  OTHER: ['office', 'emergency'],
};

function organisationsOf(region: RegionRef, city: RegionRef): [topic: string, name: string, kind: OrganisationKind][] {
  const name = region.name;
  const environment = region.kind === 'CITY' ? `${name}生态环境局` : `${city.name}生态环境局${shortName(name)}分局`;
  return [
    ...departments.map(([topic, suffix]): [string, string, OrganisationKind] => [topic, `${name}${suffix}`, 'GOVERNMENT_DEPT']),
    ['environment', environment, 'GOVERNMENT_DEPT'],
    ['supervision', `${name}监察委员会`, 'SUPERVISORY_COMMISSION'],
    ['court', region.kind === 'CITY' ? `${name}中级人民法院` : `${name}人民法院`, 'COURT'],
    ['procuratorate', `${name}人民检察院`, 'PROCURATORATE'],
    ['congress', `${name}人大常委会`, 'CONGRESS'],
    // 一室N委: the standing committee's office beside its working committees.
    ['congress-office', `${name}人大常委会办公室`, 'CONGRESS'],
    ...committees.map((committee): [string, string, OrganisationKind] => [`committee:${committee}`, `${name}人大常委会${committee}工作委员会`, 'CONGRESS']),
  ];
}

/** The congress's own bodies whose establishment 吉县's article needs: the office, working and special committees (not the standing committee itself). */
const constituted = (topic: string) => topic === 'congress-office' || topic.startsWith('committee:') || topic.startsWith('special:');

export function generateOrganisations(world: World, random: Random): void {
  const add = (region: RegionRef, list: [string, string, OrganisationKind][], establishedOn: (topic: string) => string | null = () => null) => {
    const organisations: Organisation[] = list.map(([topic, name, kind]) => ({
      id: world.data.add('organisation', { name, kind, region_id: region.id, established_on: establishedOn(topic) }),
      name,
      kind,
      topic,
    }));
    world.organisations.set(region.code, organisations);
  };
  for (const city of world.cities) {
    if (city.profile.suggestions) add(city.region, organisationsOf(city.region, city.region));
  }
  for (const county of world.counties) {
    const list = organisationsOf(county.region, county.city);
    const jixian = county.region.code === jixianArticle.county;
    if (jixian) {
      list.push(...jixianSpecialCommittees.map((committee): [string, string, OrganisationKind] => [`special:${committee}`, `${county.region.name}人民代表大会${committee}委员会`, 'CONGRESS']));
    }
    // A few counties merged bureaus: leave one department out here and there, so lists are not identical.
    const dropped = random.pick(['commerce', 'audit', 'forestry', '']);
    const firstSession = sessionIn(congressOf(county), 2017).date;
    add(
      county.region,
      list.filter(([topic]) => topic !== dropped),
      (topic) => (jixian && constituted(topic) ? firstSession : null),
    );
  }
}

/** The organisation of `topic` in the region (falls back to the government office). */
export function organisationFor(world: World, regionCode: string, topic: string): Organisation {
  const list = world.organisations.get(regionCode) ?? [];
  return list.find((organisation) => organisation.topic === topic) ?? list.find((organisation) => organisation.topic === 'office')!;
}
