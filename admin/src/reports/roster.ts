/**
 * 代表名册: the columns a roster has, each a path through the model from a deputy's seat (姓名 is the seat's
 * person's name …), the query that reads exactly those fields page by page in the server's order (persons by
 * surname strokes: `orderBy: person` sorts as the person list does), and how a value reads in a cell. Pure.
 */
import type { Nameable } from '../../../schema/shared/inflection.js';
import { inflection } from '../../../schema/shared/inflection.js';

export type RosterColumn = {
  /** Its heading: `crc.reports.roster.columns.<key>`. */
  key: string;
  /** The field read, from the seat: `['person', 'gender']`. */
  path: string[];
  /** Share of the sheet's width, in percent (the columns add up to 100 with 序号). */
  width: number;
};

/**
 * 出生年月 as the viewer may read it. The birth date is a personal identifier (with the masked ID number's
 * visible digits it gives the whole number): those who read it unmasked get the year and month a roster
 * shows, and their reading is recorded (READ_PERSONAL) as any read of it is — printing a roster with birth
 * months is a read of birth dates. Those who read it masked would get nothing from asking for it, so the
 * roster asks for the birth year instead, which everyone reads (Person.birthYear), and heads it 出生年份.
 */
export const birthColumn = (birthDateMasked: boolean): RosterColumn =>
  birthDateMasked ? { key: 'birthYear', path: ['person', 'birthYear'], width: 9 } : { key: 'birthMonth', path: ['person', 'birthDate'], width: 9 };

/** 序号 then the roster's columns; 党派 is the model's 政治面貌 (Person.politicalStatus), 文化程度 its 学历. */
export const rosterColumns = (birthDateMasked: boolean): RosterColumn[] => [
  { key: 'name', path: ['person', 'name'], width: 9 },
  { key: 'gender', path: ['person', 'gender'], width: 5 },
  { key: 'ethnicity', path: ['person', 'ethnicity'], width: 6 },
  birthColumn(birthDateMasked),
  { key: 'party', path: ['person', 'politicalStatus'], width: 10 },
  { key: 'education', path: ['person', 'education'], width: 10 },
  { key: 'workplace', path: ['person', 'workplace'], width: 21 },
  { key: 'level', path: ['level'], width: 12 },
  { key: 'district', path: ['electoralDistrict'], width: 13 },
];
export const indexColumnWidth = 5;

/** The GraphQL selection of some paths: `level person { name gender }`, each field once, `id` on every record. */
export function selectionOf(paths: string[][]): string {
  type Tree = Map<string, Tree>;
  const root: Tree = new Map();
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      if (!node.has(step)) node.set(step, new Map());
      node = node.get(step)!;
    }
  }
  const render = (node: Tree): string => ['id', ...[...node].filter(([name]) => name !== 'id').map(([name, children]) => (children.size ? `${name} { ${render(children)} }` : name))].join(' ');
  return render(root);
}

/**
 * Rows per request: a page's estimated cost is its limit times the fields it selects (server/workbench/
 * query-cost.ts); 300 seats of a dozen fields stay under the heavy-query threshold (5,000), so a roster reads on
 * the staff's pool and not against the heavy-operations rate.
 */
export const rosterPageSize = 300;
/** The most seats one roster prints (~170 A4 sheets); a larger one asks for a level or a smaller region. */
export const rosterLimit = 5_000;

/** One page of the active seats of a region's subtree (of one level, or all), in the server's order. */
export function rosterQuery(deputy: Nameable, columns: RosterColumn[]): string {
  return `query roster($where: ${inflection.filter(deputy)}, $offset: Int!, $limit: Int!) {
  ${inflection.list(deputy)}(where: $where, orderBy: [{ field: person }], offset: $offset, limit: $limit) { totalCount nodes { ${selectionOf(columns.map((column) => column.path))} } } }`;
}

export const rosterWhere = (regionCode: string, level: string | null) => ({ inRegion: regionCode, status: { eq: 'ACTIVE' }, ...(level ? { level: { eq: level } } : {}) });

/** The offsets of the pages after the first, up to the roster's limit. */
export function laterPages(totalCount: number, pageSize = rosterPageSize, limit = rosterLimit): number[] {
  const offsets: number[] = [];
  for (let offset = pageSize; offset < Math.min(totalCount, limit); offset += pageSize) offsets.push(offset);
  return offsets;
}

/** The value at a path of a record (null where a reference is empty or unreadable). */
export function valueAt(record: unknown, path: string[]): unknown {
  return path.reduce<unknown>((value, step) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : null), record);
}

/** 出生年月 as rosters write it: 1968.04 (from a Date scalar); anything else as it is. */
export function yearMonth(value: unknown): string {
  if (typeof value !== 'string') return value === null || value === undefined ? '' : String(value);
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(value);
  return match ? `${match[1]}.${match[2]}` : value;
}

/** The deputy level a region's own congress elects: a county's roster is of its county deputies. */
export { deputyLevelOfRegionLevel as ownLevel } from '../../../schema/shared/enums.js';
