/**
 * The regions the demo's places replaced, so that every dated record sits on a region valid on its date
 * (README "The region tree's history"): a record dated before its region's code began goes to the code the
 * place had then. Each pair is read from the division history (seeds/divisions/history.json): an ended code
 * under the same parent (or the former parent) whose name shares the stem, ending on the day the successor
 * begins — 撤乡设镇 (XX乡 → XX镇 under a new code), 撤镇设街道 (汇川区's 高桥镇 → 高桥街道), 撤县设市 (华亭县
 * 620824 → 华亭市 620881, its townships renumbered with it), and 皋兰县's 忠和镇 and 九合镇, 安宁区's since 2022.
 * `addPredecessors` checks every pair against the dated tree, so a regenerated history.json that disagrees
 * stops the build instead of dating records wrongly.
 *
 * Not here, because the history names no predecessor: 崆峒区's 四十里铺镇 (from 2017) and 城关区's 雁园街道 (from
 * 2018), new units made from parts of others, and 吉县's 东城乡, which ended by 2021-10-31 with no successor
 * under a code of its own (merged). `regionOn` gives such a region itself; where it is not valid on a record's
 * day, a township congress's own records (elections, its chair, its allocations) are not made, and the others
 * (stations, groups, activities) sit on the county (`placeOn`).
 */
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import type { DatedDivision } from '../divisions/dated-divisions.js';
import type { RegionRef, World } from './world.js';

/** Successor code → the code it replaced, as history.json shows them (the successor's validFrom is the predecessor's validTo). */
export const predecessorCodes: Readonly<Record<string, string>> = {
  // 崆峒区, 泾川县, 灵台县, 崇信县: 乡 made 镇 (2016–2018)
  '620802107': '620802202', // 花所乡 → 花所镇
  '620821109': '620821200', // 汭丰乡 → 汭丰镇
  '620821110': '620821205', // 太平乡 → 太平镇
  '620822107': '620822207', // 百里乡 → 百里镇
  '620822108': '620822208', // 蒲窝乡 → 蒲窝镇
  '620823103': '620823201', // 黄寨乡 → 黄寨镇
  // 庄浪县
  '620825108': '620825207', // 大庄乡 → 大庄镇
  '620825109': '620825213', // 通化乡 → 通化镇
  '620825110': '620825214', // 永宁乡 → 永宁镇
  '620825111': '620825211', // 良邑乡 → 良邑镇
  '620825112': '620825200', // 岳堡乡 → 岳堡镇
  '620825113': '620825203', // 柳梁乡 → 柳梁镇
  '620825114': '620825217', // 南坪乡 → 南坪镇
  // 静宁县
  '620826108': '620826200', // 城川乡 → 城川镇
  '620826109': '620826202', // 曹务乡 → 曹务镇
  '620826110': '620826205', // 雷大乡 → 雷大镇
  '620826111': '620826213', // 四河乡 → 四河镇
  '620826112': '620826215', // 细巷乡 → 细巷镇
  '620826113': '620826204', // 双岘乡 → 双岘镇
  '620826114': '620826210', // 治平乡 → 治平镇
  '620826115': '620826214', // 红寺乡 → 红寺镇
  '620826116': '620826217', // 原安乡 → 原安镇
  // 华亭县 → 华亭市 (2018), its townships under the county's new code; 河西乡 had become 河西镇 in 2016
  '620881': '620824',
  '620881001': '620824001', // 东华街道办事处
  '620881100': '620824100', // 东华镇
  '620881101': '620824101', // 安口镇
  '620881102': '620824102', // 西华镇
  '620881103': '620824103', // 马峡镇
  '620881104': '620824104', // 策底镇
  '620881105': '620824105', // 上关镇
  '620881106': '620824106', // 河西镇
  '620824106': '620824203', // 河西乡 → 河西镇
  '620881201': '620824201', // 神峪乡
  '620881202': '620824202', // 山寨乡
  '620881204': '620824204', // 砚峡乡
  // 兰州: 七里河区's 黄峪乡 (620103201) became 黄峪镇 in 2018; its old code went on as 魏岭乡's, a current region
  '620103104': '620103201',
  '620104103': '620104200', // 达川乡 → 达川镇
  '620104104': '620104203', // 柳泉乡 → 柳泉镇
  '620105100': '620122102', // 皋兰县's 忠和镇 → 安宁区's (2022)
  '620105101': '620122104', // 皋兰县's 九合镇 → 安宁区's (2022)
  '620121113': '620121200', // 柳树乡 → 柳树镇
  '620121114': '620121203', // 通远乡 → 通远镇
  '620123108': '620123203', // 连搭乡 → 连搭镇
  '620123109': '620123206', // 新营乡 → 新营镇
  '620123110': '620123211', // 贡井乡 → 贡井镇
  // 汇川区: towns made streets (2016)
  '520303004': '520303100', // 高桥镇 → 高桥街道
  '520303005': '520303101', // 董公寺镇 → 董公寺街道
  '520303006': '520303103', // 高坪镇 → 高坪街道
};

/**
 * Adds each predecessor the demo's regions have (an ended one, or a current one under its old code) and links
 * it to its successor, the parents before the children (华亭县 before its townships). `add` adds one dated
 * division as a region under its parent (a demo region) and returns it.
 */
export function addPredecessors(world: World, dated: ReadonlyMap<string, DatedDivision>, add: (division: DatedDivision, parent: RegionRef) => RegionRef): void {
  const pairs = Object.entries(predecessorCodes).sort(([, a], [, b]) => a.length - b.length || a.localeCompare(b));
  // Successors first added by generateRegions, predecessors of predecessors (河西乡) once their successor is there.
  const pending = new Map(pairs);
  while (pending.size > 0) {
    const before = pending.size;
    for (const [successorCode, code] of pending) {
      const successor = world.regions.get(successorCode);
      if (!successor) continue;
      const division = dated.get(code);
      if (!division) throw new Error(`the dated division tree has no ${code}, the predecessor predecessors.ts names for ${successorCode}`);
      if (!division.validTo ? (division.validFrom ?? '') > (successor.validFrom ?? '') : division.validTo !== successor.validFrom)
        throw new Error(`${code} ${division.name} (${division.validFrom}–${division.validTo ?? ''}) does not end when ${successorCode} ${successor.name} begins (${successor.validFrom})`);
      let region = world.regions.get(code);
      if (!region) {
        const parent = division.parentCode === null ? undefined : world.regions.get(division.parentCode);
        if (!parent) continue; // its parent is a predecessor not added yet (华亭县)
        region = add(division, parent);
      }
      successor.predecessor = region;
      pending.delete(successorCode);
    }
    if (pending.size === before) throw new Error(`predecessors.ts names predecessors without a demo parent: ${[...pending.values()].join(', ')}`);
  }
}

/** Whether `region` is valid on `day` (validFrom inclusive, validTo exclusive; the earliest edition's day means "since before"). */
export function validOn(region: RegionRef, day: string): boolean {
  return (region.validFrom === divisionRecordsSince || (region.validFrom ?? divisionRecordsSince) <= day) && (!region.validTo || day < region.validTo);
}

/**
 * Where a record about `region` dated `day` sits when it need not be a township's own (a station, a group, an
 * activity): `regionOn`, or, where that is not valid on the day (no predecessor or successor named), the parent
 * county, which held the place then.
 */
export function placeOn(region: RegionRef, day: string): RegionRef {
  const found = regionOn(region, day);
  return validOn(found, day) || !found.parent ? found : found.parent;
}

/** The region a record of `region` dated `day` sits on: its predecessor (or theirs) when it dates before the region began. */
export function regionOn(region: RegionRef, day: string): RegionRef {
  return succession(region, day)[0];
}

/** The regions a place has been from `day` on, oldest first: the one `regionOn` gives, its successors, `region` last. */
export function succession(region: RegionRef, day: string): RegionRef[] {
  const chain = [region];
  while (chain[0].predecessor && chain[0].validFrom && day < chain[0].validFrom) chain.unshift(chain[0].predecessor);
  return chain;
}
