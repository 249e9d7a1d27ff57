/**
 * The order of a page searched by `q` without an `orderBy`: exact matches first — rows whose name (the first text
 * search field found by pinyin: a person's, a region's, an organisation's) equals the query, or whose pinyin or
 * pinyin initials do (`q: "db"` puts 丁波 before 丁宝华 and 赵德波) — then every other match, each group in the
 * list's default order. A list asked for an order keeps it; a model without such a field keeps its default order.
 *
 * Why exact and not also "starts with": a two-letter query matches tens of thousands of names nationally, and a
 * page must not sort them all. Rows of equal initials come from a b-tree on (the form, the default order) in
 * that order (search-indexes.ts), so the first page reads its 25 rows and stops; a prefix would be a range of
 * forms, in the order of the forms, which only a sort of every row in it puts in the default order.
 *
 * One statement: each exact condition is its own limited subquery (each served in order by its index), their
 * rows are the exact group; the other matches are read only when the exact group is shorter than the page's
 * end (`offset + limit`): a one-time filter, so a page the exact rows fill never looks at the rest.
 */
import type { FieldMeta } from '../../schema/model/registry.js';
import { searchKeyOfPinyin } from '../../schema/shared/pinyin.js';
import { ident, join, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import type { ListArgs } from './page-args.js';
import { column } from './model-sql.js';
import { orderSql } from './order.builder.js';
import type { ListPlan } from './query-plan.js';
import { pinyinForm, pinyinFormPositions } from './text-search.js';

/** What a page reads (json-select.builder.ts `PageSource`). */
type PageSource = Pick<ListPlan, 'field' | 'model' | 'args' | 'access'>;

/** The field whose exact matches rank first: the first text search field found by pinyin, if any. */
export function rankedField(model: PageSource['model']): FieldMeta | undefined {
  return model.searchFields.map((name) => model.fields.find((field) => field.name === name)).find((field) => field?.kind !== 'reference' && field?.column && field.pinyin);
}

/** The conditions a row meets when it matches `q` exactly, one per index that serves it. */
function exactConditions(field: FieldMeta, alias: string, text: string): Sql[] {
  // Written under the field's collation (deterministic: equal is equal) so that its sort index serves it too.
  const name = field.collation ? sql`${column(alias, field)} collate ${ident(field.collation)} = ${text}` : sql`${column(alias, field)} = ${text}`;
  const key = searchKeyOfPinyin(text);
  const pinyin = ident(alias, field.pinyin!.column);
  return [name, ...(key ? pinyinFormPositions.map((position) => sql`${pinyinForm(pinyin, position)} = ${key}`) : [])];
}

/** The query and the field a page is ranked by, or null when it is not ranked (no `q`, no such field, or an order asked). */
function rankedBy(list: PageSource): { text: string; field: FieldMeta } | null {
  const text = typeof list.args.where?.q === 'string' ? list.args.where.q.trim() : '';
  const field = rankedField(list.model);
  return text && field && !list.args.orderBy?.length ? { text, field } : null;
}

/** The page's order for rows under `alias` — the order asked, else the default one — as search-rank's pages use it. */
export function pageOrder(list: PageSource, alias: string): Sql {
  return orderSql(list.model, alias, list.args.orderBy, list.access, list.field ? `${list.field.name}.orderBy` : 'orderBy');
}

/** A row's rank under `alias` in a ranked page (0: an exact match, 1: another match), or null when the page is not ranked. */
export function rankOf(list: PageSource, alias: string): Sql | null {
  const ranked = rankedBy(list);
  return ranked && sql`(case when coalesce(${or(exactConditions(ranked.field, alias, ranked.text))}, false) then 0 else 1 end)`;
}

/**
 * The select of a page's rows (`projection` over `alias`, ordered, limited) — ranked as said above when the page
 * is searched by `q` and asks no order, else in the order asked or the default one.
 */
export function rankedRows(list: PageSource, alias: string, projection: Sql, conditionsOf: (alias: string, where: ListArgs['where']) => Sql, offset: number, limit: number): Sql {
  const conditions = (on: string) => conditionsOf(on, list.args.where);
  const order = (on: string) => pageOrder(list, on);
  const table = ident(list.model.table);
  const rankedPage = rankedBy(list);
  if (!rankedPage) {
    return sql`select ${projection} from ${table} ${raw(alias)} where ${conditions(alias)} order by ${order(alias)} limit ${limit} offset ${offset}`;
  }
  const { text, field } = rankedPage;
  const end = offset + limit;
  const exact = (on: string) => exactConditions(field, on, text);
  // Each exact condition's first rows in order, without the rows an earlier one gave: together, the exact group's first `end`.
  // An exact match is a match (equal text contains the query): `q` itself is left out of these parts, whose rows the
  // b-trees give in order — with it, the planner would rather intersect the grams and sort every exact match.
  const otherFilters = { ...list.args.where, q: undefined };
  const parts = exact('e').map((_, index) => {
    const e = tableAlias('e');
    const conditionsHere = exact(e);
    const earlier = conditionsHere.slice(0, index).map((condition) => sql`not coalesce(${condition}, false)`);
    return sql`(select ${ident(e, 'id')} from ${table} ${raw(e)} where ${join([conditionsOf(e, otherFilters), conditionsHere[index], ...earlier], ' and ')} order by ${order(e)} limit ${end})`;
  });
  const r = tableAlias('o');
  const others = sql`(select ${ident(r, 'id')} from ${table} ${raw(r)}
    where ${conditions(r)} and not coalesce(${or(exact(r))}, false) and (select count(*) from exact) < ${end} order by ${order(r)} limit ${end})`;
  const ranked = tableAlias('g');
  return sql`with exact as (${join(parts, ' union all ')})
    select ${projection} from (select id, 0 as rank from exact union all select id, 1 from ${others} other) ${raw(ranked)}
      join ${table} ${raw(alias)} on ${ident(alias, 'id')} = ${ident(ranked, 'id')}
    order by ${ident(ranked, 'rank')}, ${order(alias)} limit ${limit} offset ${offset}`;
}
