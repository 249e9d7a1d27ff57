/**
 * `q` through a reference (deputies found by their person's name: `searchFields: ['person', …]`) read from the side
 * that is cheap for the query at hand. The filter alone (filter.builder.ts) collects every matching referenced row
 * first, then the rows that point at them: right for a narrow query (`dingbo`: 800 persons), ruinous for a broad one
 * (`yh`: 41,000 persons nationally, their 42,000 seats fetched and sorted for a page of 25, the count repeating it:
 * seconds, some past the statement timeout). For a top-level `q` on a list in its default order:
 *
 * - what the search matches is read first, once, up to a limit (`FoundTargets`: the matching persons), and the
 *   page and its count read it from there;
 * - the page, by how many were found (searchBreadth): few, their rows are read and sorted; many but all, the list's
 *   rows are walked in the default order's index and each tested against them, hashed; as many as the limit (broad:
 *   they are not all), the walk tests each row itself (its reference looked up by primary key) until the page is
 *   full — a broad query fills it within a few thousand rows. Branches of one statement, each behind a one-time
 *   filter: only one runs; their rows are then looked up by primary key (a lateral `offset 0`: joined plainly, the
 *   planner misjudged the branches and sorted the whole table to merge them, 10 s for a clerk).
 * - the capped count (`countUpTo`): one branch per search field, each row counted in the first whose field matches
 *   (`… and not` the earlier fields' tests), a reference's branch read from the found (else from the referenced
 *   rows' search index) to the rows that point at them (the reference's index), so that the count stops at the cap.
 *
 * A list searched by its own text fields alone (suggestions by title) is read the same way from its own rows found,
 * its capped count the number found. A user who reaches part of the list only (a county's clerk) searches the rows in
 * reach instead, each tested (boundedSearch) — unless what the search reaches through keeps region prefixes (a
 * deputy's person): then what it matches in the user's reach is found by index, as above.
 *
 * The same rows as the filter alone, in the same order (tests/api/search-drive.test.ts compares them).
 */
import type { FieldMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import { and, ident, join, raw, sql, tableAlias, type Sql } from '../sql/sql.js';
import { referencedSearchSql, searchFieldCandidates, searchFieldMatch, type FoundRows, type FoundTargetIds, type RowScope, type SearchPlan } from './filter.builder.js';
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
 * How many found make a search broad, or worth walking the list testing rows against them: where one way of reading
 * the page starts to cost less than another. A walk in the list's order finds a page ending at `end` within
 * `rows × end / matches` rows, reading the matches costs `matches` reads, so the two meet at
 * `√(rows × end × walk cost / read cost)` — measured nationally (a row's costs, warm):
 * - `broad`: through a reference, each walked row's reference looked up by primary key (6 µs) against reading a
 *   found target (4 µs): from √(1.5 × 2.7 million seats × 25) = 10,060 persons found on, a first page walks;
 * - `broadText`: by its own text, each walked row's own columns tested (0.5 µs) against reading a row found (4 µs):
 *   √(0.125 × 803,000 suggestions × 25) = 1,585;
 * - `hashedWalk`: all found (fewer than `broad`), each walked row's reference tested against them hashed (0.3 µs)
 *   against reading and sorting their rows (8 µs): √(0.0375 × 2.7 million × 25) = 1,590.
 * Of the list's live rows (row_count, kept by triggers), so that a county's database walks from a county's breadth.
 */
const breadthFactors = { broad: 1.5, broadText: 0.125, hashedWalk: 0.0375 } as const;

/** The breadth of `kind` for a list of `rows` live rows and a page ending at `end` (as the statement computes it). */
export function searchBreadth(kind: keyof typeof breadthFactors, rows: number, end: number): number {
  return Math.ceil(Math.sqrt(breadthFactors[kind] * rows * end));
}

/** searchBreadth in SQL, of `live` rows (a column). */
function breadthSql(kind: keyof typeof breadthFactors, live: string, end: number): Sql {
  return sql`ceil(sqrt(${raw(String(breadthFactors[kind]))} * ${raw(live)} * ${end}))::int`;
}

/**
 * A top-level `q` that search-drive reads (its text and reference search fields), or null: the filter alone reads it.
 * Searched by its own text alone (no reference search field), a list is read the same way: a model's own text fields
 * (a suggestion's title) can be just as broad — the national set's 803,000 suggestions have 44 titles, every two
 * characters of one match 3–100 % of the rows, and the page sorted every match for its 25 (p95 1 s).
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
 * What a search matches, read once for the page — its rows and its count — where each read it again (a gate of
 * breadth, the narrow page's candidates, the count: `jjj`, 48,000 candidate persons for 1,300 matches, 125 ms each
 * time nationally), in a CTE (`cte`) the page's answer is written under:
 * - through references (`targets`): per reference search field, the ids of its live targets in the row scope that
 *   match;
 * - by its own text alone (`own`): the ids of the list's rows that match, under all the page's conditions;
 * each up to `broadFrom` (searchBreadth `broad` or `broadText`). Fewer (the most any field found: `size`), they are
 * all there are; as many, the search is broad, and they are some. `walkFrom`: searchBreadth `hashedWalk`. Found by its
 * own text for a count up to `countedUpTo` only (the list's rows are read otherwise), up to one past that cap at most.
 */
export type FoundTargets = { cte: Sql; targets: FoundTargetIds; own: FoundRows | null; size: Sql; broadFrom: Sql; walkFrom: Sql };

export function foundTargets(list: PageSource, search: DrivenSearch, conditionsOf: ConditionsOf, scope: RowScope, end: number, countedUpTo: number | null = null): FoundTargets {
  const [name, breadth] = [tableAlias('f'), tableAlias('b')];
  // Found by its own text for its capped count only (a ranked list's rows are read otherwise): one past the cap is
  // enough — as many are a lower bound, fewer all there are (foundCount). Through a reference not: a person found may
  // hold no seat, and fewer seats than the cap would be taken for all of them.
  const upTo = countedUpTo !== null && !search.references.length && !drivesRows(list) ? sql`least(${raw(breadth)}.broad_from, ${countedUpTo + 1})` : raw(`${breadth}.broad_from`);
  // Record ids are bigint (filter.builder.ts isRecordId); the cast makes the scalar subquery an array to `any`.
  const read = (column: string): FoundRows => ({ array: raw(`(select ${column} from ${name})::bigint[]`), rows: raw(`select unnest(${column}) from ${name}`) });
  const idsOf = (table: string, condition: (row: string) => Sql) => {
    const row = tableAlias('t');
    return sql`array(select ${ident(row, 'id')} from ${ident(table)} ${raw(row)} where ${condition(row)} limit ${upTo})`;
  };
  const columns = search.references.length
    ? search.references.map((field, index) => {
        const target = targetOf(field);
        return {
          field: field.name,
          column: `ids${index}`,
          ids: idsOf(target.table, (row) => and([raw(`${row}."deleted_at" is null`), scope(target, row), referencedSearchSql(target, row, search.text, scope)])),
        };
      })
    : [{ field: null, column: 'ids', ids: idsOf(list.model.table, (row) => conditionsOf(row, list.args.where)) }];
  const cardinalities = columns.map((column) => `cardinality(${column.column})`);
  return {
    cte: sql`${raw(name)} as materialized (select ${raw(breadth)}.broad_from, ${raw(breadth)}.walk_from, ${join(
      columns.map((column) => sql`${column.ids} as ${raw(column.column)}`),
      ', ',
    )} from (select ${breadthSql(search.references.length ? 'broad' : 'broadText', 'l.live', end)} as broad_from, ${breadthSql('hashedWalk', 'l.live', end)} as walk_from
      from (select coalesce((select live from row_count where table_name = ${list.model.table}), 0) as live) l) ${raw(breadth)})`,
    targets: new Map(columns.flatMap((column) => (column.field ? [[column.field, read(column.column)] as const] : []))),
    own: search.references.length ? null : read('ids'),
    size: raw(`(select ${cardinalities.length > 1 ? `greatest(${cardinalities.join(', ')})` : cardinalities[0]} from ${name})`),
    broadFrom: raw(`(select broad_from from ${name})`),
    walkFrom: raw(`(select walk_from from ${name})`),
  };
}

/**
 * Whether a user who reaches part of the list only (a county's clerk: 1,000 of the 2.7 million seats) searches the
 * rows in reach, each tested (`rowByRow`), rather than what the search matches: PostgreSQL reads those rows from the
 * scope's indexes, where the matches are read nationally and each tested against the scope — `wang`'s 100,000
 * persons, for 126 of the clerk's seats: 0.8 s. Not for a ranked list (search-rank.ts), whose exact matches come first.
 *
 * Nor when every reference searched reaches models whose region prefixes are kept (a deputy's person): the matches in
 * the user's reach are then read from the search's index and the prefixes' together, however large the reach — a
 * province's administrator searching its 273,000 seats for `wangwei` walked them in order testing each seat's person
 * (p50 10 s nationally, some past the statement timeout), where the province's 427 persons so named are found at once.
 * A small reach (a county's) is then read from the region's side as every other search is (reach-drive.ts).
 */
export function boundedSearch(list: PageSource, search: DrivenSearch): boolean {
  const foundInReach = search.references.length > 0 && search.references.every((field) => targetOf(field).regionPrefixesColumn);
  return !list.access.readsAll(list.model) && drivesRows(list) && !foundInReach;
}

/** Whether drivenRows reads the page: not when asked another order, ranked (search-rank.ts), or in a default order no index serves (a walk would read the whole table). */
export function drivesRows(list: PageSource): boolean {
  return !list.args.orderBy?.length && !rankedField(list.model) && Boolean(defaultOrderKeys(list.model, 'x'));
}

/**
 * The page's rows (`projection` over `alias`), or null when the list is read otherwise (drivesRows), from what the
 * search `found` (its CTE above): read first when few, the list walked testing rows against them when many and all
 * (through a reference), the list walked testing each row when they are not all.
 */
export function drivenRows(list: PageSource, found: FoundTargets, alias: string, projection: Sql, conditionsOf: ConditionsOf, offset: number, limit: number): Sql | null {
  if (!drivesRows(list)) return null;
  const table = ident(list.model.table);
  const order = (on: string) => orderSql(list.model, on, null, list.access);
  const end = offset + limit;
  const [picked, row] = [tableAlias('g'), tableAlias('p')];
  // Each branch behind a one-time filter (uncorrelated): only one runs.
  const branch = (condition: (read: string) => Sql, when: Sql) => {
    const read = tableAlias('a');
    return sql`(select ${ident(read, 'id')} from ${table} ${raw(read)} where ${condition(read)} and ${when} order by ${order(read)} limit ${end})`;
  };
  const { size, broadFrom, walkFrom, own, targets } = found;
  const walked = branch((read) => conditionsOf(read, list.args.where, 'rowByRow'), sql`${size} >= ${broadFrom}`);
  const branches = own
    ? [branch((read) => sql`${ident(read, 'id')} = any(${own.array})`, sql`${size} < ${broadFrom}`), walked]
    : [
        branch((read) => conditionsOf(read, list.args.where, { found: targets, walk: false }), sql`${size} < ${walkFrom}`),
        branch((read) => conditionsOf(read, list.args.where, { found: targets, walk: true }), sql`${size} >= ${walkFrom} and ${size} < ${broadFrom}`),
        walked,
      ];
  return sql`select ${projection} from (${join(branches, ' union all ')}) ${raw(picked)}
    cross join lateral (select * from ${table} ${raw(row)} where ${ident(row, 'id')} = ${ident(picked, 'id')} offset 0) ${raw(alias)}
    order by ${order(alias)} limit ${limit} offset ${offset}`;
}

/**
 * The capped count from what the search found: all the matches when it is not broad, and enough when a broad search's
 * first finds give more rows than the cap (the rest would only add); else — a broad search whose first finds give few
 * rows (in the scope, under the other filters), or a cap above a broad own-text search's finds — counted from the
 * search itself: a reference's as drivenCount does, a list's own text as `plainCount` does.
 */
export function foundCount(list: PageSource, search: DrivenSearch, found: FoundTargets, conditionsOf: ConditionsOf, scope: RowScope, cap: number, plainCount: () => Sql): Sql {
  const counted = tableAlias('n');
  const fromFound = found.own ? sql`least(${found.size}, ${cap + 1})` : drivenCount(list, search, conditionsOf, scope, cap, found.targets);
  const fromSearch = found.own ? plainCount() : drivenCount(list, search, conditionsOf, scope, cap);
  return sql`(select case when ${raw(counted)}.n > ${cap} or ${found.size} < ${found.broadFrom} then ${raw(counted)}.n else ${fromSearch} end
    from (select ${fromFound} as n offset 0) ${raw(counted)})`;
}

/**
 * The matching rows counted up to `cap + 1` (pageSql's capped count), one branch per search field as said above; a
 * reference's from its `found` targets when given (foundCount), else from its search.
 */
export function drivenCount(list: PageSource, search: DrivenSearch, conditionsOf: ConditionsOf, scope: RowScope, cap: number, found?: FoundTargetIds): Sql {
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
    // The found targets when given (all live, in scope and matching already), else the target's rows its search finds.
    const targets = found?.get(name);
    const [referencedRows, matching] = targets
      ? [sql`unnest(${targets.array}) ${raw(referenced)}(id)`, raw('')]
      : [
          sql`${ident(target.table)} ${raw(referenced)}`,
          sql`where ${and([raw(`${referenced}."deleted_at" is null`), scope(target, referenced), referencedSearchSql(target, referenced, search.text, scope)])}`,
        ];
    // Lateral (`offset 0`: not flattened into a join the planner may hash): for each matching referenced row, the rows
    // pointing at it (the reference's index), so that the count stops at the cap.
    return sql`(select from ${referencedRows} cross join lateral (select from ${table} ${raw(row)} where ${join(
      [sql`${column(row, field)} = ${ident(referenced, 'id')}`, conditionsOf(row, others), ...earlier(row)],
      ' and ',
    )} offset 0) ${raw(pointing)} ${matching})`;
  });
  return sql`(select count(*)::int from (${join(branches, ' union all ')} limit ${cap + 1}) capped)`;
}
