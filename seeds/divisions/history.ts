/**
 * The division tree's history, from yearly editions of the statistical division codes (统计用区划代码): each
 * year's tree (division-tree.ts, so the same placeholders and zones are left out) compared with the others,
 * keeping only the codes whose record changes across the years — new after the first edition, gone before the
 * last, or renamed. A code present in every edition under one name is not listed: it is on record since the
 * first edition's cut-off. Pure: the editions come in as data (history.cli.ts reads them from the packages).
 */
import type { RegionKind } from '../../schema/shared/enums.js';
import { divisionTree, type Division, type DivisionSource } from './division-tree.js';

/** One yearly edition: its year, the day its codes hold on (截止时间) and its tree. */
export type Edition = { year: number; cutOff: string; divisions: readonly Division[] };

/** A name a code carried, and the first and last edition (by year) that list it under that name. */
export type NameSpan = [name: string, firstYear: number, lastYear: number];

/** A code whose record changed: its names in order, and its kind and parent as the last edition listing it gives them. */
export type CodeHistory = [code: string, kind: RegionKind, parentCode: string | null, names: NameSpan[]];

/** What history.json holds. */
export type DivisionHistory = { source: string; editions: { year: number; cutOff: string; package: string }[]; codes: CodeHistory[] };

/** The codes whose record differs between the editions (given in any order): new, gone or renamed, each with its names' spans. */
export function diffEditions(editions: readonly Edition[]): CodeHistory[] {
  const ordered = [...editions].sort((a, b) => a.year - b.year);
  const first = ordered[0].year;
  const last = ordered.at(-1)!.year;
  const seen = new Map<string, { division: Division; names: NameSpan[]; years: number }>();
  for (const edition of ordered) {
    for (const division of edition.divisions) {
      const entry = seen.get(division.code);
      if (!entry) {
        seen.set(division.code, { division, names: [[division.name, edition.year, edition.year]], years: 1 });
        continue;
      }
      entry.division = division;
      entry.years += 1;
      const current = entry.names.at(-1)!;
      if (current[0] === division.name) current[2] = edition.year;
      else entry.names.push([division.name, edition.year, edition.year]);
    }
  }
  const changed: CodeHistory[] = [];
  for (const [code, { division, names, years }] of seen) {
    const always = years === ordered.length && names.length === 1 && names[0][1] === first && names[0][2] === last;
    if (!always) changed.push([code, division.kind, division.parentCode, names]);
  }
  return changed.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The edition's year and cut-off as the README names them: "2019年统计用区划代码和城乡划分代码（截止时间：2019-10-31". */
export function editionOfReadme(readme: string): { year: number; cutOff: string } {
  const found = /(\d{4})年统计用区划代码和城乡划分代码（截止时间：(\d{4})-(\d{1,2})-(\d{1,2})/.exec(readme);
  if (!found) throw new Error('the README names no 统计用区划代码 edition with its 截止时间');
  return { year: Number(found[1]), cutOff: `${found[2]}-${found[3].padStart(2, '0')}-${found[4].padStart(2, '0')}` };
}

/** An edition's tree from a package's four lists, whatever their code widths (1.x pads codes to 6 and 12 digits). */
export function editionTree(source: DivisionSource): Division[] {
  const cut = (width: number) => (entries: DivisionSource['provinces']) => entries.map(({ code, name }) => ({ code: code.slice(0, width), name }));
  return divisionTree({ provinces: cut(2)(source.provinces), cities: cut(4)(source.cities), areas: cut(6)(source.areas), streets: cut(9)(source.streets) });
}

/** history.json's text: its header fields, then one code a line as a tuple (24,000 lines: they diff well, and the file stays under 2 MB). */
export function historyText(history: DivisionHistory): string {
  const codes = history.codes.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n');
  return `{\n  "source": ${JSON.stringify(history.source)},\n  "editions": ${JSON.stringify(history.editions)},\n  "codes": [\n${codes}\n  ]\n}\n`;
}
