/**
 * Whose appointments the appointment metrics count, by the level of the region whose congress or standing
 * committee decided them — one parameter per metric, from which both its SQL and its stated definition are made
 * (tests/metrics/definitions.test.ts reads the texts back against it).
 */
import { RegionLevel } from '../../schema/shared/enums.js';
import type { Language } from '../graphql/language.js';

export const appointingLevels = {
  /**
   * 任免人次: the decisions of the congresses of counties and above and their standing committees — a county's
   * own; a township congress has no standing committee, and the chairs it elects are its own elections (the
   * published 242 of 镇平县 count the county's decisions only).
   */
  appointments: ['PROVINCE', 'CITY', 'COUNTY'],
  /** 宣誓率: everyone elected or appointed by a congress or its standing committee swears the oath, townships' included. */
  oathCoverage: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'],
} as const satisfies Record<string, readonly RegionLevel[]>;

/** The appointment `t` was decided at one of `levels` (a condition on the appointment's region). */
export const decidedAt = (levels: readonly RegionLevel[]) => `exists (select 1 from region r where r.id = t.region_id and r.level in (${levels.map((level) => `'${level}'`).join(', ')}))`;

/** `省级、市级、县级` / `province, city and county level`: the levels as a definition states them. */
export function levelsText(levels: readonly RegionLevel[], language: Language): string {
  if (language === 'zh') return levels.map((level) => RegionLevel.label(level, 'zh')).join('、');
  const names = levels.map((level) =>
    RegionLevel.label(level, 'en')
      .replace(/ level$/, '')
      .toLowerCase(),
  );
  return `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} level`;
}
