/**
 * The one filter builder: turns a `…Filter` input into a SQL condition on a table alias. References nest
 * the target's filter (`exists` on the target; `{ id: { isNull } }` whether it is set), to-many lists take
 * `some` / `none` / `every`, `q` searches the
 * model's search fields (and the pinyin of names), `inRegion` keeps the records that belong to a region's subtree (by
 * division code, along the model's region paths: the same rule that bounds a clerk to their county), `within` on a
 * region keeps it and the regions below it. Soft-deleted rows never satisfy a nested condition, nor do rows outside the
 * request's scope (`RowScope`: what the user reads, or what their statistics count), so a filter through a
 * relation cannot reveal what a record the user may not read holds. A reference filtered by id alone is
 * about the row's own key, not the target's values (one's own dashboards: `owner: { id: { eq: me } }`).
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { AppError } from '../graphql/errors.js';
import { and, ident, likePattern, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { backReference, targetOf } from '../../schema/model/relations.js';
import { column } from './model-sql.js';
import { inRegionSql, subtreeSql } from '../access/region-scope.js';
import { isDivisionCode } from '../../schema/shared/validators.js';
import { gramsMayContain, pinyinMayContain } from './text-search.js';
import { searchKeyOfPinyin } from '../../schema/shared/pinyin.js';

/** The rows of a model a nested condition may see (Access.rowScope); an empty condition: all. */
export type RowScope = (model: ModelMeta, alias: string) => Sql;

export type FilterInput = Record<string, unknown> & {
  AND?: FilterInput[];
  OR?: FilterInput[];
  NOT?: FilterInput;
  q?: string;
  inRegion?: string;
  within?: string;
};

type Operators = Partial<Record<'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith' | 'isNull', unknown>>;

/** Nested filters deeper than this are refused (they would only serve to make the database work). */
const maxDepth = 6;

const idPattern = /^\d{1,18}$/;

/** Whether a value is written as a record id (a bigint): the one test of every id a request carries. */
export const isRecordId = (value: unknown): value is string => typeof value === 'string' && idPattern.test(value);

/** Ids are bigint: a malformed one is the client's mistake, not a database error. */
export function checkId(value: unknown, path: string): string {
  if (!isRecordId(value)) {
    throw new AppError('BAD_USER_INPUT', { zh: `编号格式不正确：${String(value)}`, en: `Malformed id: ${String(value)}` }, { field: path });
  }
  return value;
}

/** A region scope names a division code (620800 平凉市); anything else is the client's mistake, said as such. */
function checkDivisionCode(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isDivisionCode(value)) {
    throw new AppError('BAD_USER_INPUT', { zh: `区划代码应为 6 位或 9 位数字：${String(value)}`, en: `A division code has 6 or 9 digits: ${String(value)}` }, { field: path });
  }
  return value;
}

function operatorSql(target: Sql, ops: Operators, field: FieldMeta, path: string): Sql {
  const isId = field.graphqlType === 'ID';
  const value = (input: unknown) => (isId ? checkId(input, path) : input);
  const parts: Sql[] = [];
  for (const [op, operand] of Object.entries(ops) as [keyof Operators, unknown][]) {
    if (operand === undefined || operand === null) continue;
    switch (op) {
      case 'eq':
        parts.push(sql`${target} = ${value(operand)}`);
        break;
      case 'ne':
        parts.push(sql`${target} is distinct from ${value(operand)}`);
        break;
      case 'in':
        parts.push(sql`${target} = any(${(operand as unknown[]).map(value)})`);
        break;
      case 'lt':
        parts.push(sql`${target} < ${operand}`);
        break;
      case 'lte':
        parts.push(sql`${target} <= ${operand}`);
        break;
      case 'gt':
        parts.push(sql`${target} > ${operand}`);
        break;
      case 'gte':
        parts.push(sql`${target} >= ${operand}`);
        break;
      case 'contains':
      case 'startsWith':
        parts.push(sql`${target} ${textMatch(String(operand))} ${likePattern(String(operand), op)}`);
        break;
      case 'isNull':
        parts.push(operand ? sql`${target} is null` : sql`${target} is not null`);
        break;
      default: {
        const unknownOperator: never = op;
        throw new Error(`unknown operator ${String(unknownOperator)}`);
      }
    }
  }
  return and(parts);
}

/**
 * `q`: a substring of any search field; a reference search field searches the referenced record. Written as
 * two conditions: the candidates the search indexes find (`indexedCandidates`), which PostgreSQL reads from
 * the indexes, and the substring test itself (`substringMatch`), which it applies to those candidates only.
 * Every row the test accepts is a candidate, so the two together are the test alone, to the row and to the
 * null (a `NOT q` keeps the same rows too) — and the rows read are the candidates, not the table.
 */
function searchSql(model: ModelMeta, alias: string, text: string, scope: RowScope, depth: number, plan: SearchPlan = 'indexed'): Sql {
  const trimmed = text.trim();
  if (!trimmed) return raw('true');
  if (plan === 'rowByRow') return substringMatch(model, alias, trimmed, scope, depth, true);
  if (typeof plan === 'object') return foundSearch(model, alias, trimmed, scope, plan);
  // The test first: where the indexes are not used (under NOT, in a correlated subquery) a row it rejects is
  // rejected before its grams are computed; where they are, the planner takes the candidates apart anyway.
  return and([substringMatch(model, alias, trimmed, scope, depth), indexedCandidates(model, alias, trimmed, scope, depth)]);
}

function searchField(model: ModelMeta, name: string): FieldMeta {
  const field = model.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${model.name}.searchFields names unknown field ${name}`);
  return field;
}

/**
 * searchSql with the targets of reference search fields found already (SearchPlan `found`): such a field's match is
 * its column among them, a test and its index's candidates at once; the other fields are searched as ever. `walk`:
 * for a query testing rows one by one (search-drive.ts), the test alone, the targets hashed once (a subquery under
 * `coalesce`, which keeps PostgreSQL from making it a join that would not walk in order).
 */
function foundSearch(model: ModelMeta, alias: string, text: string, scope: RowScope, { found, walk }: Extract<SearchPlan, object>): Sql {
  const among = (name: string) => {
    const field = searchField(model, name);
    const targets = found.get(name)!;
    return walk ? sql`coalesce(${column(alias, field)} in (${targets.rows}), false)` : sql`(${column(alias, field)} is not null and ${column(alias, field)} = any(${targets.array}))`;
  };
  const each = (part: (name: string) => Sql) => or(model.searchFields.map((name) => (found.has(name) ? among(name) : part(name))));
  const matches = each((name) => searchFieldMatch(model, alias, name, text, scope, 0, walk));
  return walk ? matches : and([matches, each((name) => searchFieldCandidates(model, alias, name, text, scope))]);
}

/**
 * The pinyin column of a text search field found by pinyin, when the query is pinyin (`Ding Bo` → `dingbo`):
 * a second column the field's part of `q` searches, its spaces dropped (schema/shared/pinyin.ts); else null.
 */
function pinyinSearch(alias: string, field: FieldMeta, text: string): { column: Sql; key: string } | null {
  const key = field.pinyin ? searchKeyOfPinyin(text) : null;
  return key ? { column: ident(alias, field.pinyin!.column), key } : null;
}

/**
 * Rows that may match: a text column's grams hold the query's (its index), or the reference is among the ids
 * the target's own search finds — an uncorrelated set, computed once and looked up in the reference's index,
 * beside the text columns' indexes in one bitmap OR. Kept apart from the exact test so that the planner finds
 * it whole among the index conditions and never computes grams row by row (8–12 µs a row).
 */
function indexedCandidates(model: ModelMeta, alias: string, text: string, scope: RowScope, depth: number): Sql {
  return or(model.searchFields.map((name) => searchFieldCandidates(model, alias, name, text, scope, depth)));
}

/** One search field's part of indexedCandidates. */
export function searchFieldCandidates(model: ModelMeta, alias: string, name: string, text: string, scope: RowScope, depth = 0): Sql {
  const field = searchField(model, name);
  const pinyin = pinyinSearch(alias, field, text);
  if (pinyin) return or([gramsMayContain(column(alias, field), text), pinyinMayContain(pinyin.column, pinyin.key)]);
  if (field.kind !== 'reference') return gramsMayContain(column(alias, field), text);
  if (depth >= 2) return raw('false');
  const target = targetOf(field);
  const inner = tableAlias();
  const ids = sql`array(select ${ident(inner, 'id')} from ${ident(target.table)} ${raw(inner)} where ${and([raw(`${inner}."deleted_at" is null`), scope(target, inner), searchSql(target, inner, text, scope, depth + 1)])})`;
  return sql`(${column(alias, field)} is not null and ${column(alias, field)} = any(${ids}))`;
}

/**
 * The substring test `q` has always been: case ignored, `%` and `_` literal; a reference through its live,
 * in-scope target; a text found by pinyin also when its pinyin forms contain the query's (lower-case already).
 */
function substringMatch(model: ModelMeta, alias: string, text: string, scope: RowScope, depth: number, perRow = false): Sql {
  return or(model.searchFields.map((name) => searchFieldMatch(model, alias, name, text, scope, depth, perRow)));
}

/**
 * One search field's part of substringMatch: whether the row matches `text` (trimmed, not empty) by that field.
 * `perRow`: a reference is tested row by row, by its target's primary key (SearchPlan `rowByRow`).
 */
export function searchFieldMatch(model: ModelMeta, alias: string, name: string, text: string, scope: RowScope, depth = 0, perRow = false): Sql {
  const field = searchField(model, name);
  const pinyin = pinyinSearch(alias, field, text);
  // An empty pinyin (a name without Chinese) adds nothing, not a null: `NOT q` keeps the rows it always kept.
  if (pinyin) return or([sql`${column(alias, field)} ilike ${likePattern(text, 'contains')}`, sql`coalesce(${pinyin.column} like ${likePattern(pinyin.key, 'contains')}, false)`]);
  if (field.kind !== 'reference') return sql`${column(alias, field)} ilike ${likePattern(text, 'contains')}`;
  if (depth >= 2) return raw('false');
  return referenceExists(targetOf(field), alias, field, scope, (inner) => substringMatch(targetOf(field), inner, text, scope, depth + 1), perRow);
}

/**
 * The rows of `target` (under `alias`) that a reference search field pointing at it finds for `text`, with
 * their index candidates: what the field's `exists` and its candidate ids test, as a condition of a query on
 * the target itself (search-drive.ts reads a search from the referenced rows). Live and in `scope` are the caller's.
 */
export function referencedSearchSql(target: ModelMeta, alias: string, text: string, scope: RowScope): Sql {
  return searchSql(target, alias, text, scope, 1);
}

/**
 * Whether the row's reference points at a live, in-scope target meeting `condition`. `perRow`: with `offset 0`, which
 * keeps PostgreSQL from turning the test into a hashed set of every matching target (computed whole before the first
 * row: 1.5 s for 4,000 persons found by a sequential scan) — looked up by primary key for each row read instead.
 */
function referenceExists(target: ModelMeta, alias: string, field: FieldMeta, scope: RowScope, condition: (inner: string) => Sql, perRow = false): Sql {
  const inner = tableAlias();
  return sql`exists (select 1 from ${ident(target.table)} ${raw(inner)} where ${and([
    sql`${ident(inner, 'id')} = ${column(alias, field)}`,
    raw(`${inner}."deleted_at" is null`),
    scope(target, inner),
    condition(inner),
  ])}${raw(perRow ? ' offset 0' : '')})`;
}

function listExists(list: FieldMeta, alias: string, scope: RowScope, condition: (inner: string) => Sql): Sql {
  const { child, field } = backReference(list);
  const inner = tableAlias();
  return sql`exists (select 1 from ${ident(child.table)} ${raw(inner)} where ${and([
    sql`${column(inner, field)} = ${ident(alias, 'id')}`,
    raw(`${inner}."deleted_at" is null`),
    scope(child, inner),
    condition(inner),
  ])})`;
}

/**
 * Both text operators ignore case (`Admin` finds `admin` either way); where the text has no letters that
 * case changes (Chinese, digits: most of what is searched here) plain `like` gives the same rows and keeps
 * a prefix search on its index (division codes).
 */
const textMatch = (operand: string) => raw(operand.toLowerCase() === operand.toUpperCase() ? 'like' : 'ilike');

/**
 * A code no region has is refused, not read as an empty subtree: `crc_known_division` (migration …_region_within)
 * raises CA004 with the filter's path, which server/graphql/errors.ts says in both languages. Checked at the top
 * of the statement's condition, however deep the `within` sits (through a relation, under NOT or OR): an
 * uncorrelated subquery is a one-time filter, run once before any row is read, so an empty table still refuses.
 */
const knownDivision = (code: string, path: string): Sql => sql`(select crc_known_division(${code}, ${path}))`;

/** `{ id: { isNull } }` alone: whether the reference is set at all, a condition on the row's own column. */
function referenceIsNull(filter: FilterInput): boolean | undefined {
  if (!idOnly(filter)) return undefined;
  const operators = Object.entries((filter as { id: Record<string, unknown> }).id).filter(([, value]) => value !== undefined && value !== null);
  return operators.length === 1 && operators[0][0] === 'isNull' ? Boolean(operators[0][1]) : undefined;
}

/** `{ id: { … } }` and nothing else: about the referencing row's own key, not the target's values. */
function idOnly(filter: FilterInput): boolean {
  const keys = Object.entries(filter).filter(([, value]) => value !== undefined && value !== null);
  return keys.length === 1 && keys[0][0] === 'id';
}

export const unbounded: RowScope = () => raw('');

/**
 * How the filter's own `q` (at its top, not nested) is written: `indexed`, the candidates the search indexes find and
 * the test on them (searchSql); `rowByRow`, the test alone, which a query walking the rows in an index's order applies
 * to each row it reads until its page is full (search-drive.ts); `found`, with the reference search fields' matching
 * targets read already (FoundTargetIds). The same rows every way.
 */
export type SearchPlan = 'indexed' | 'rowByRow' | { found: FoundTargetIds; walk: boolean };

/**
 * For reference search fields by name, exactly the live targets in the row scope whose own search matches `q`, read
 * once for a page (search-drive.ts `FoundTargets`): their ids as an array (`array`) and as a subquery's rows (`rows`).
 */
export type FoundTargetIds = ReadonlyMap<string, FoundRows>;

/** Ids found once (search-drive.ts): as an array (`array`) and as a subquery's rows (`rows`). */
export type FoundRows = { array: Sql; rows: Sql };

/** The SQL condition a filter input sets on rows of `model` under `alias`; nested rows are bounded by `scope`. */
export function whereSql(model: ModelMeta, alias: string, filter: FilterInput | null | undefined, scope: RowScope, path = 'where', search: SearchPlan = 'indexed'): Sql {
  const checks: Sql[] = [];
  const condition = conditionSql(model, alias, filter, scope, path, 0, checks, search);
  return and([condition, ...checks]);
}

/** whereSql at `depth`; the checks the statement must make once (unknown division codes) are gathered in `checks`. */
function conditionSql(model: ModelMeta, alias: string, filter: FilterInput | null | undefined, scope: RowScope, path: string, depth: number, checks: Sql[], search: SearchPlan = 'indexed'): Sql {
  if (!filter) return raw('true');
  if (depth > maxDepth) {
    throw new AppError('BAD_USER_INPUT', { zh: `筛选条件嵌套超过 ${maxDepth} 层`, en: `Filters nest deeper than ${maxDepth} levels` }, { field: path });
  }
  const parts: Sql[] = [];
  for (const [key, input] of Object.entries(filter)) {
    if (input === undefined || input === null) continue;
    const here = `${path}.${key}`;
    if (key === 'AND') parts.push(and((input as FilterInput[]).map((item, index) => conditionSql(model, alias, item, scope, `${here}.${index}`, depth + 1, checks))));
    else if (key === 'OR') parts.push(or((input as FilterInput[]).map((item, index) => conditionSql(model, alias, item, scope, `${here}.${index}`, depth + 1, checks))));
    else if (key === 'NOT') parts.push(sql`not ${conditionSql(model, alias, input as FilterInput, scope, here, depth + 1, checks)}`);
    else if (key === 'q') parts.push(searchSql(model, alias, String(input), scope, 0, depth === 0 ? search : 'indexed'));
    else if (key === 'inRegion') parts.push(inRegionSql(model, alias, checkDivisionCode(input, here)));
    else if (key === 'within') {
      const code = checkDivisionCode(input, here);
      // On a region (`region: { within: "620800" }`, `regions(where: { within })`): the region coded so and every
      // region below it, at any level, by the range of codes its subtree shares (the code index serves it).
      checks.push(knownDivision(code, here));
      parts.push(subtreeSql(alias, code));
    } else {
      const field = model.fields.find((candidate) => candidate.name === key);
      if (!field) throw new Error(`${model.name} has no filterable field ${key}`);
      if (field.kind === 'reference') {
        const isNull = referenceIsNull(input as FilterInput);
        if (isNull !== undefined) {
          parts.push(isNull ? sql`${column(alias, field)} is null` : sql`${column(alias, field)} is not null`);
          continue;
        }
        const target = targetOf(field);
        const targetScope = idOnly(input as FilterInput) ? unbounded : scope;
        parts.push(referenceExists(target, alias, field, targetScope, (inner) => conditionSql(target, inner, input as FilterInput, scope, here, depth + 1, checks)));
      } else if (field.kind === 'referenceList') {
        const { some, none, every } = input as { some?: FilterInput; none?: FilterInput; every?: FilterInput };
        const child = targetOf(field);
        if (some) parts.push(listExists(field, alias, scope, (inner) => conditionSql(child, inner, some, scope, `${here}.some`, depth + 1, checks)));
        if (none) parts.push(sql`not ${listExists(field, alias, scope, (inner) => conditionSql(child, inner, none, scope, `${here}.none`, depth + 1, checks))}`);
        // Every row matches: none that does not (true of an empty list, as in logic and Prisma).
        if (every) parts.push(sql`not ${listExists(field, alias, scope, (inner) => sql`not ${conditionSql(child, inner, every, scope, `${here}.every`, depth + 1, checks)}`)}`);
      } else {
        parts.push(operatorSql(column(alias, field), input, field, here));
      }
    }
  }
  return and(parts);
}
