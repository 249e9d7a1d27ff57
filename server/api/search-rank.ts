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
import { zonedOrder, zoneKey, type ZonedOrder } from '../db/search-zones.js';
import { ident, join, or, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import type { SearchPlan } from './filter.builder.js';
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
export function rankedRows(list: PageSource, alias: string, projection: Sql, conditionsOf: (alias: string, where: ListArgs['where'], search?: SearchPlan) => Sql, offset: number, limit: number): Sql {
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
  const zoned = zonesOf(list, text);
  const others = zoned
    ? zonedOthers(list, zoned, text, (on) => sql`${conditionsOf(on, list.args.where, 'rowByRow')} and not coalesce(${or(exact(on))}, false)`, sql`(select count(*) from exact) < ${end}`, end)
    : sql`(select ${ident(r, 'id')} from ${table} ${raw(r)}
    where ${conditions(r)} and not coalesce(${or(exact(r))}, false) and (select count(*) from exact) < ${end} order by ${order(r)} limit ${end})`;
  const ranked = tableAlias('g');
  return sql`with exact as (${join(parts, ' union all ')})
    select ${projection} from (select id, 0 as rank from exact union all select id, 1 from ${others} other) ${raw(ranked)}
      join ${table} ${raw(alias)} on ${ident(alias, 'id')} = ${ident(ranked, 'id')}
    order by ${ident(ranked, 'rank')}, ${order(alias)} limit ${limit} offset ${offset}`;
}

/**
 * The zones a ranked page's other matches are read through (server/db/search-zones.ts) for a query of one or two
 * characters, or null. Such a query is its own key (crc_search_keys), so a zone holding its gram holds a match, and it
 * is the query that matches most rows, which the page walks the order for. A longer one is tested by its bigrams,
 * which most zones hold when few rows match (`wangwei`: every zone holds wa, an, ng, gw, we and ei): the planner's
 * way (the matches read from the search indexes and sorted) serves it. Null too when the model has no zones, the page
 * reads deleted rows (the zones are walked through the default order's index, which holds live rows only), or the
 * user may not sort by the order's key (the order is then by id alone).
 */
function zonesOf(list: PageSource, text: string): ZonedOrder | null {
  const zoned = zonedOrder(list.model);
  const short = [...text].length <= 2 && (searchKeyOfPinyin(text)?.length ?? 0) <= 2;
  return zoned && short && !list.args.withDeleted && !list.access.refusal(list.model, zoned.key, 'sort', 'records') ? zoned : null;
}

/**
 * A ranked page's other matches (the first `end` of the rows `matching` selects, in the default order), read zone by
 * zone: the zones whose grams hold every key of the query (crc_search_keys: of the text for a text column, of its
 * pinyin key for a pinyin column) in order, each walked through the default order's index between its bounds (the
 * last zone has no upper one) until `end` rows are found in it — the zones in order and their rows in order, so that
 * an incremental sort by zone stops as soon as `end` rows are out, and a zone no row matches in is never read. Each
 * row is tested by the search alone (`rowByRow`), without the search indexes' candidates: with them, the planner
 * intersected those indexes with a province's region prefixes for every zone (35 ms a zone, where its walk takes 1–5).
 */
function zonedOthers(list: PageSource, zoned: ZonedOrder, text: string, matching: (alias: string) => Sql, when: Sql, end: number): Sql {
  const table = ident(list.model.table);
  const order = (on: string) => pageOrder(list, on);
  const pinyinKey = list.model.searchFields.some((name) => list.model.fields.find((field) => field.name === name)?.pinyin) ? searchKeyOfPinyin(text) : null;
  const keySets = [sql`crc_search_keys(${text})`, ...(pinyinKey && pinyinKey !== text.toLowerCase() ? [sql`crc_search_keys(${pinyinKey})`] : [])];
  const [zone, gram, walked] = [tableAlias('z'), tableAlias('k'), tableAlias('w')];
  const holding = (keys: Sql) =>
    sql`${ident(zone, 'zone')} in (select ${ident(gram, 'zone')} from ${ident(zoned.grams)} ${raw(gram)} where ${ident(gram, 'gram')} = any(${keys}) group by ${ident(gram, 'zone')} having count(distinct ${ident(gram, 'gram')}) = cardinality(${keys}))`;
  const from = (row: string) => sql`(${raw(zoneKey(zoned, row))}, ${ident(row, 'id')}) >= (${ident(zone, 'lo_key')}, ${ident(zone, 'lo_id')})`;
  const before = (row: string) => sql`(${raw(zoneKey(zoned, row))}, ${ident(row, 'id')}) < (${ident(zone, 'hi_key')}, ${ident(zone, 'hi_id')})`;
  // Two branches, one of which runs for a zone (its bound a one-time filter): the last zone's rows have no upper bound.
  const branch = (bounds: (row: string) => Sql[]) => {
    const row = tableAlias('o');
    return sql`(select ${raw(row)}.* from ${table} ${raw(row)} where ${join([...bounds(row), matching(row)], ' and ')} order by ${order(row)} limit ${end})`;
  };
  const inner = branch((row) => [sql`${ident(zone, 'hi_key')} is not null`, from(row), before(row)]);
  const last = branch((row) => [sql`${ident(zone, 'hi_key')} is null`, from(row)]);
  return sql`(select ${ident(walked, 'id')} from (select * from ${ident(zoned.zones)} ${raw(zone)} where (${or(keySets.map(holding))}) and ${when}) ${raw(zone)}
      cross join lateral (${inner} union all ${last}) ${raw(walked)}
    order by ${ident(zone, 'zone')}, ${order(walked)} limit ${end})`;
}
