/**
 * `q` through a reference (deputies found by their person's name: `searchFields: ['person', …]`) read from the side
 * that is cheap for the query at hand. The filter alone (filter.builder.ts) collects every matching referenced row
 * first, then the rows that point at them: right for a narrow query (`dingbo`: 800 persons), ruinous for a broad one
 * (`yh`: 41,000 persons nationally, their 42,000 seats fetched and sorted for a page of 25, the count repeating it:
 * seconds, some past the statement timeout). For a top-level `q` on a list in its default order:
 *
 * - the page: whether the search is broad is decided first, once (an uncorrelated count of the matching referenced
 *   rows, up to `broadSearchFrom`, live whatever the user's scope: it chooses a plan, never a row). Narrow, the
 *   page is read as before; broad, the list's rows are walked in the default order's index and each is tested
 *   (its reference looked up by primary key) until the page is full — a broad query fills it within a few thousand
 *   rows. Two branches of one statement, each behind a one-time filter: only one runs; their rows are then looked
 *   up by primary key (a lateral `offset 0`: joined plainly, the planner misjudged the branches and sorted the whole
 *   table to merge them, 10 s for a clerk).
 * - the capped count (`countUpTo`): one branch per search field, each row counted in the first whose field matches
 *   (`… and not` the earlier fields' tests), a reference's branch read from the referenced rows (their search index)
 *   to the rows that point at them (the reference's index), so that the count stops at the cap after as many
 *   referenced rows, broad or narrow.
 *
 * A list searched by its own text fields alone (suggestions by title) has its page read the same way, broad when
 * `broadSearchFrom` of its own rows match.
 *
 * The same rows as the filter alone, in the same order (tests/api/search-drive.test.ts compares them).
 */
import type { FieldMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import { and, ident, join, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { referencedSearchSql, searchFieldCandidates, searchFieldMatch, unbounded, whereSql, type RowScope, type SearchPlan } from './filter.builder.js';
import { column } from './model-sql.js';
import { defaultOrderKeys, orderSql } from './order.builder.js';
import type { ListArgs } from './page-args.js';
import type { ListPlan } from './query-plan.js';
import { rankedField } from './search-rank.js';

/** What a page reads (json-select.builder.ts `PageSource`). */
type PageSource = Pick<ListPlan, 'field' | 'model' | 'args' | 'access'>;

/** A page's conditions on rows under `alias` for a `where`, its top-level `q` written as `search` says. */
export type ConditionsOf = (alias: string, where: ListArgs['where'], search?: SearchPlan) => Sql;

/**
 * From this many matching referenced rows on, a search is broad: walking the list in order finds a page of 25 within
 * about (rows of the table / matches × 25) rows — 34,000 seats of 2.7 million at 2,000 matching persons (≈ 40 ms),
 * while reading the matches first costs about 20 µs each (2,000: ≈ 40 ms; 41,000: ≈ 1 s and a sort).
 */
export const broadSearchFrom = 2000;

/**
 * A top-level `q` that search-drive reads (its text and reference search fields), or null: the filter alone reads it.
 * Without a reference, the page only: a model's own text fields (a suggestion's title) can be just as broad — the
 * national set's 803,000 suggestions have 44 titles, every two characters of one match 3–100 % of the rows, and the
 * page sorted every match for its 25 (p95 1 s) — while their capped count stops at the cap already.
 */
export type DrivenSearch = { text: string; references: FieldMeta[] };

export function drivenSearch(list: PageSource, parent: unknown): DrivenSearch | null {
  // A nested list (a person's seats) is a handful of rows already: the filter alone reads it.
  if (parent) return null;
  const text = typeof list.args.where?.q === 'string' ? list.args.where.q.trim() : '';
  if (!text || !list.model.searchFields.length) return null;
  const references = list.model.searchFields.map((name) => list.model.fields.find((field) => field.name === name)).filter((field): field is FieldMeta => field?.kind === 'reference');
  return { text, references };
}

/**
 * Whether the search is broad: some reference search field's target — or, without one, the list's own table — has
 * `broadSearchFrom` live matches, whatever the user's scope (it picks a plan, never a row). Uncorrelated: run once.
 */
function broadSql(list: PageSource, search: DrivenSearch): Sql {
  const atLeast = (table: string, condition: (alias: string) => Sql) => {
    const t = tableAlias('b');
    return sql`(select count(*) from (select from ${ident(table)} ${raw(t)} where ${raw(`${t}."deleted_at" is null`)} and ${condition(t)} limit ${broadSearchFrom}) broad) >= ${broadSearchFrom}`;
  };
  if (!search.references.length) return atLeast(list.model.table, (t) => whereSql(list.model, t, { q: search.text }, unbounded));
  return or(search.references.map((field) => atLeast(targetOf(field).table, (t) => referencedSearchSql(targetOf(field), t, search.text, unbounded))));
}

/**
 * The page's rows (`projection` over `alias`), or null when the list is read otherwise: asked another order, ranked
 * (search-rank.ts), or in a default order no index serves (a walk would read the whole table).
 */
export function drivenRows(list: PageSource, search: DrivenSearch, alias: string, projection: Sql, conditionsOf: ConditionsOf, offset: number, limit: number): Sql | null {
  if (list.args.orderBy?.length || rankedField(list.model) || !defaultOrderKeys(list.model, 'x')) return null;
  const table = ident(list.model.table);
  const order = (on: string) => orderSql(list.model, on, null, list.access);
  const end = offset + limit;
  const [narrow, broad, picked, row] = [tableAlias('a'), tableAlias('w'), tableAlias('g'), tableAlias('p')];
  return sql`with gate as (select ${broadSql(list, search)} as broad)
    select ${projection} from (
      (select ${ident(narrow, 'id')} from ${table} ${raw(narrow)} where ${conditionsOf(narrow, list.args.where, 'indexed')} and not (select broad from gate) order by ${order(narrow)} limit ${end})
      union all
      (select ${ident(broad, 'id')} from ${table} ${raw(broad)} where ${conditionsOf(broad, list.args.where, 'rowByRow')} and (select broad from gate) order by ${order(broad)} limit ${end})
    ) ${raw(picked)} cross join lateral (select * from ${table} ${raw(row)} where ${ident(row, 'id')} = ${ident(picked, 'id')} offset 0) ${raw(alias)}
    order by ${order(alias)} limit ${limit} offset ${offset}`;
}

/** The matching rows counted up to `cap + 1` (pageSql's capped count), one branch per search field as said above. */
export function drivenCount(list: PageSource, search: DrivenSearch, conditionsOf: ConditionsOf, scope: RowScope, cap: number): Sql {
  const { model } = list;
  const table = ident(model.table);
  const others = { ...list.args.where, q: undefined };
  const branches = model.searchFields.map((name, index) => {
    const earlier = (on: string) => model.searchFields.slice(0, index).map((before) => sql`not coalesce(${searchFieldMatch(model, on, before, search.text, scope)}, false)`);
    const field = search.references.find((reference) => reference.name === name);
    const row = tableAlias('m');
    if (!field) {
      return sql`(select from ${table} ${raw(row)} where ${join(
        [conditionsOf(row, others), searchFieldMatch(model, row, name, search.text, scope), searchFieldCandidates(model, row, name, search.text, scope), ...earlier(row)],
        ' and ',
      )})`;
    }
    const target = targetOf(field);
    const [referenced, pointing] = [tableAlias('t'), tableAlias('x')];
    // Lateral (`offset 0`: not flattened into a join the planner may hash): for each matching referenced row, the rows
    // pointing at it (the reference's index), so that the count stops at the cap.
    return sql`(select from ${ident(target.table)} ${raw(referenced)} cross join lateral (select from ${table} ${raw(row)} where ${join(
      [sql`${column(row, field)} = ${ident(referenced, 'id')}`, conditionsOf(row, others), ...earlier(row)],
      ' and ',
    )} offset 0) ${raw(pointing)} where ${and([raw(`${referenced}."deleted_at" is null`), scope(target, referenced), referencedSearchSql(target, referenced, search.text, scope)])})`;
  });
  return sql`(select count(*)::int from (${join(branches, ' union all ')} limit ${cap + 1}) capped)`;
}
