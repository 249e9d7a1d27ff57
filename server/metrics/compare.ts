/**
 * `compareRegions` as SQL: one statement answers the rows and the parents as JSON text in the shape the
 * query asks for, and the rows' values for the medians (medians.ts). The regions compared are those of a
 * level (under a parent, or picked by id); each value is a part divided by a part, read from the rollups
 * when they hold what is asked (years in range; a period of whole years whose parts combine over years)
 * and otherwise computed from the records over the asked windows, the same part SQL either way. A zero
 * denominator gives null; a count with nothing to count gives 0.
 */
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import { objectText } from '../api/json-select.builder.js';
import { join, raw, sql, type Sql } from '../sql/sql.js';
import type { FactsLayout, ReadableFacts, MetricFacts } from './facts.js';
import type { Metric, Part } from './metric.js';
import { partsUnion, periodWindow, pivot, yearWindows } from './windows.js';

export type Period = { from: string; to: string };

/** What a row of the answer holds, in order: each response key with the value it shows. */
export type RowShape = readonly (readonly [key: string, value: 'region' | 'year' | 'values' | 'typename'])[];

/** The rows as graphql-js reads them (the field names, each once). */
export const plainRowShape: RowShape = [
  ['region', 'region'],
  ['year', 'year'],
  ['values', 'values'],
];

export type ComparisonRequest = {
  metrics: readonly Metric[];
  /**
   * The region of a row (`rows`) and of a parent (`parents`) as JSON text, as the query selects it, built
   * while the region's row is at hand (so no row needs a lookup of its own); null when not selected.
   */
  regionText?: { rows: ((alias: string) => Sql) | null; parents: ((alias: string) => Sql) | null };
  /** The JSON text of each row and of each parent row, key by key; null for a list not asked for. */
  shape?: { rows: RowShape | null; parents: RowShape | null };
  /** Whether the values are wanted for the medians. */
  medians?: boolean;
  /** The fingerprint of medians already known (median-cache.ts): the values are returned only if the statement's differs. */
  mediansKnown?: string | null;
  /**
   * The metrics the facts do not hold are answered as no data (null), not computed from the records: they are
   * being computed (a rebuild after an upgrade that changed them) and the records took longer than a request may.
   */
  pendingAsNull?: boolean;
  level: string;
  regionIds?: readonly string[] | null;
  parentId?: string | null;
  years?: readonly number[] | null;
  period?: Period | null;
};

/**
 * What the statement returns: `rows` and `parents` as JSON arrays of rows in `shape` (ordered by region
 * code, then year), `values` — every value of the rows, year by year, comma-separated — for the medians, and
 * `counts`: how many rows each year has (in year order, comma-separated), since a region is a row only of the
 * years it was valid in.
 */
export type ComparisonText = { rows: string | null; parents: string | null; counts: string; values: string | null; facts?: string | null; fingerprint?: string | null };

/** Where the part values come from for this request. */
export type Source = 'facts' | 'facts-period' | 'records';

const lastDayOf = (year: number) => `${year}-12-31`;
const isoToday = (today: Date) => today.toISOString().slice(0, 10);

/**
 * Reads the facts for years inside their range (a metric they do not hold — new or changed since they were built —
 * from the records, in the same statement) or a period of whole years whose parts they all hold; else the records.
 */
export function sourceFor(request: ComparisonRequest, parts: readonly Part[], range: ReadableFacts, facts: MetricFacts, today: Date): Source {
  const inRange = (year: number) => year >= range.firstYear && year <= range.lastYear;
  if (request.years) return request.years.every(inRange) ? 'facts' : 'records';
  const { from, to } = request.period!;
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const wholeYears = from.endsWith('-01-01') && (to === lastDayOf(last) || (last === range.lastYear && to >= isoToday(today)));
  const combinable = parts.every((part) => part.combine !== 'distinct');
  const held = parts.every((part) => range.layout.slots[facts.parts.indexOf(part)] !== null);
  return wholeYears && combinable && held && inRange(first) && inRange(last) ? 'facts-period' : 'records';
}

/**
 * The regions compared (`target`) and their parents, as `subjects(id, code, region, target)`: `region` is
 * each one's JSON text as the query selects it, built while the row is at hand.
 */
function subjects(request: ComparisonRequest): Sql {
  const level = request.level;
  const live = sql`r.level = ${level} and r.deleted_at is null`;
  type RegionText = ((alias: string) => Sql) | null | undefined;
  const columns = (region: RegionText) => sql`r.id, r.code, r.parent_id, ${region ? region('r') : raw('null::text')} as region, r.valid_from, r.valid_to`;
  const targetColumns = columns(request.regionText?.rows);
  const targets = request.regionIds
    ? sql`select ${targetColumns} from region r where r.id = any(${request.regionIds}::bigint[]) and ${live}`
    : request.parentId
      ? sql`select ${targetColumns} from below d join region r on r.id = d.id where ${live}`
      : sql`select ${targetColumns} from region r where ${live}`;
  const parentColumns = columns(request.regionText?.parents);
  const parents = request.parentId
    ? sql`select ${parentColumns} from region r where r.id = ${request.parentId}::bigint`
    : sql`select ${parentColumns} from region r where r.id in (select parent_id from targets)`;
  return sql`below(id) as (
      select ${request.parentId ?? null}::bigint where ${request.parentId ?? null}::bigint is not null
      union all select r.id from region r join below b on r.parent_id = b.id where r.deleted_at is null),
    targets as (${targets}),
    subjects(id, code, region, target, valid_from, valid_to) as (
      select id, code, region, true, valid_from, valid_to from targets
      union all select p.id, p.code, p.region, false, p.valid_from, p.valid_to from (${parents}) p where not exists (select 1 from targets t where t.id = p.id))`;
}

/**
 * `src(region_id, year, vals)` for every subject: from the facts of single years, the requested metrics'
 * values as the refresher rendered them (JSON number text, comma-separated); otherwise the needed parts'
 * values (in `parts` order).
 */
function source(kind: Source, request: ComparisonRequest, parts: readonly Part[], facts: MetricFacts, layout: FactsLayout | null, name = 'src'): Sql {
  const slots = parts.map((part) => layout?.slots[facts.parts.indexOf(part)] ?? 0);
  if (kind === 'facts') {
    const positions = storedPositions(request.metrics, facts, layout!);
    // Every metric held: their texts joined here; else each held run and each metric from the records in calc.
    const vals = positions.every((position) => position !== null) ? storedValues(positions, 'f.mtext', layout!.width) : raw('f.mtext');
    return sql`src(region_id, year, vals) as (
      select f.region_id, f.year, ${vals} from metric_value f
      where f.year = any(${request.years}::int[]) and f.region_id in (select id from subjects))`;
  }
  if (kind === 'facts-period') {
    const last = Number(request.period!.to.slice(0, 4));
    const combined = join(
      parts.map((part, index) =>
        part.combine === 'sum' ? raw(`coalesce(sum(f.vals[${slots[index]}]), 0)::float8`) : sql`coalesce(sum(f.vals[${raw(String(slots[index]))}]) filter (where f.year = ${last}), 0)::float8`,
      ),
      ', ',
    );
    return sql`src(region_id, year, vals) as (
      select f.region_id, 0, array[${combined}] from metric_rollup f
      where f.region_id in (select id from subjects) and f.year between ${Number(request.period!.from.slice(0, 4))} and ${last}
      group by f.region_id)`;
  }
  // From the records: every region under a subject, its own values rolled up into the subjects above it.
  const windows = request.years ? yearWindows(request.years) : periodWindow(request.period!.from, request.period!.to);
  return sql`${windows},
    reach(subject_id, region_id) as (
      select s.id, s.id from subjects s
      union all select reach.subject_id, r.id from reach join region r on r.parent_id = reach.region_id and r.deleted_at is null),
    own as (${partsUnion(parts, (column) => sql`${raw(column)} in (select region_id from reach)`)}),
    up as (select reach.subject_id as region_id, own.year, own.slot, sum(own.value) as value
           from own join reach on reach.region_id = own.region_id group by 1, 2, 3),
    pivoted as (${pivot('up', parts.length)}),
    ${raw(name)}(region_id, year, vals) as (select region_id, year, vals::float8[] from pivoted)`;
}

/** Where the stored facts hold each metric (`metric_value` position), null for one they do not. */
const storedPositions = (metrics: readonly Metric[], facts: MetricFacts, layout: FactsLayout) => metrics.map((metric) => layout.positions[facts.metrics.indexOf(metric)]);

/**
 * The metrics' stored texts (`metric_value.mtext`, catalog order) joined by commas: neighbouring catalog
 * positions as one slice each, so all metrics in catalog order are one `array_to_string`, not one
 * subscript per metric.
 */
function storedValues(positions: readonly number[], texts: string, width: number): Sql {
  return raw(
    runsOf(positions)
      .map(([first, last]) => storedRun(texts, first, last, width))
      .join(` || ',' || `),
  );
}

/** Neighbouring positions as runs `[first, last]`. */
function runsOf(positions: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const position of positions) {
    const last = runs.at(-1);
    if (last && last[1] + 1 === position) last[1] = position;
    else runs.push([position, position]);
  }
  return runs;
}

/** A run of stored texts joined by commas: all of them (a national comparison of every metric) without a slice made first. */
const storedRun = (texts: string, first: number, last: number, width?: number) =>
  first === last ? `${texts}[${first}]` : first === 1 && last === width ? `array_to_string(${texts}, ',')` : `array_to_string(${texts}[${first}:${last}], ',')`;

/**
 * The requested metrics' values as JSON number text, comma-separated, when the stored facts hold only some of
 * them (after an upgrade that changed the catalog, until the rebuild completes): the held ones from the stored
 * texts (`src.vals`, each run as one slice, a region without facts row given `noFactsText`'s values), the others
 * computed from the records (`records.vals`, their parts in `partsFor(others)` order).
 */
function mixedValues(metrics: readonly Metric[], positions: readonly (number | null)[], pendingAsNull: boolean): Sql {
  const others = metrics.filter((_, index) => positions[index] === null);
  const pieces: string[] = [];
  let index = 0;
  while (index < metrics.length) {
    if (positions[index] === null) {
      pieces.push(pendingAsNull ? `'null'` : `coalesce((${oneValue(metrics[index], partsFor(others), 'records.vals')})::text, 'null')`);
      index++;
      continue;
    }
    let end = index;
    while (end + 1 < metrics.length && positions[end + 1] === positions[end]! + 1) end++;
    pieces.push(`coalesce(${storedRun('src.vals', positions[index]!, positions[end]!)}, ${noFactsText(metrics.slice(index, end + 1))})`);
    index = end + 1;
  }
  return raw(pieces.join(` || ',' || `));
}

/** The values of a region with no facts row: counts are 0, rates have no data. */
const noFactsText = (metrics: readonly Metric[]) => `'${metrics.map((metric) => (metric.denominator ? 'null' : '0')).join(',')}'`;

/**
 * Each metric's value from `src.vals` (float8: counts and sums of money stay exact far beyond any real
 * total, and the division is then cheap): numerator over denominator, or the numerator alone, to six
 * decimal places (a ratio to 0.0001 %: what any chart or table shows, at a third of the answer's size),
 * as JSON number text, comma-separated.
 */
function computedValues(metrics: readonly Metric[], parts: readonly Part[]): Sql {
  return raw(`array_to_string(array[${metrics.map((metric) => oneValue(metric, parts, 'src.vals')).join(', ')}], ',', 'null')`);
}

/** A metric's value from its parts' floats in `vals` (`parts` order), rounded to six decimal places. */
function oneValue(metric: Metric, parts: readonly Part[], vals: string): string {
  const at = (part: Part) => `${vals}[${parts.indexOf(part) + 1}]`;
  const value = metric.denominator ? `${at(metric.numerator)} / nullif(${at(metric.denominator)}, 0)` : `coalesce(${at(metric.numerator)}, 0)`;
  return `round((${value}) * 1e6) / 1e6`;
}

/**
 * Whether a compared region is a row of year `y.year` (or of the period): only the years it was on record in
 * (schema/shared/division-validity.ts: begun by the last day, a start on the earliest edition's cut-off counting
 * as older; not ended by the first day), so an ended township is compared in the years it existed and not after,
 * and its successor not before. Parents are shown whatever their dates.
 */
function validInYear(request: ComparisonRequest): Sql {
  const [first, last] = request.years ? [sql`make_date(y.year, 1, 1)`, sql`make_date(y.year, 12, 31)`] : [sql`${request.period!.from}::date`, sql`${request.period!.to}::date`];
  return sql`(not s.target or ((s.valid_from is null or s.valid_from <= ${last} or s.valid_from <= ${divisionRecordsSince}::date) and (s.valid_to is null or s.valid_to > ${first})))`;
}

/** A row of `calc c` as JSON text in `shape`. */
function rowText(shape: RowShape): Sql {
  const value = { region: `coalesce(c.region, 'null')`, year: `coalesce(nullif(c.year, 0)::text, 'null')`, values: `'[' || c.vals || ']'`, typename: `'"ComparisonRow"'` };
  return objectText(shape.map(([key, what]) => [key, raw(value[what])]));
}

/** The parts the metrics divide, each once. */
export function partsFor(metrics: readonly Metric[]): Part[] {
  return [...new Set(metrics.flatMap((metric) => (metric.denominator ? [metric.numerator, metric.denominator] : [metric.numerator])))];
}

/**
 * The statement: the rows and the parents as JSON text in their shapes, put together by PostgreSQL from
 * the values' text (thousands of rows: parsing them into objects only to serialise them again was most
 * of a national comparison's time), and the rows' values for the medians.
 */
export function comparisonStatement(request: ComparisonRequest, facts: MetricFacts, kind: Source, layout: FactsLayout | null = null): Sql {
  const parts = partsFor(request.metrics);
  const positions = kind === 'facts' ? storedPositions(request.metrics, facts, layout!) : [];
  const pending = request.metrics.filter((_, index) => positions[index] === null);
  const others = request.pendingAsNull ? [] : pending;
  // The metrics the facts do not hold, from the records: their parts only, as `records(region_id, year, vals)`.
  const records = others.length ? sql`, ${source('records', { ...request, metrics: others }, partsFor(others), facts, null, 'records')}` : raw('');
  const vals =
    kind !== 'facts'
      ? computedValues(request.metrics, parts)
      : pending.length
        ? mixedValues(request.metrics, positions, others.length === 0)
        : raw(`coalesce(src.vals, ${noFactsText(request.metrics)})`);
  const years = request.years ?? [0];
  const shape = request.shape ?? { rows: plainRowShape, parents: plainRowShape };
  const list = (rows: RowShape | null, target: string) =>
    rows ? sql`coalesce((select '[' || string_agg(${rowText(rows)}, ',' order by c.code, c.year) || ']' from calc c where ${raw(target)}), '[]')` : raw('null::text');
  // The values of rows read from the facts alone are what the facts' version and the rows compared make them: the
  // medians of an unchanged fingerprint are known (median-cache.ts). Rows from the records have none. The rows as
  // their count and a sum of 64-bit hashes of each (region, year): no sort, no text per row (an md5 of the sorted
  // list cost 15 ms nationally); two different sets of rows agree on both by chance about once in 2^64.
  const fingerprint =
    kind === 'records' || pending.length
      ? raw('null::text')
      : raw(
          `(select s.signature || ':' || s.refreshed_at::text from metric_state s) || ':' || (select count(*) || ':' || coalesce(sum(hashint8extended(c.region_id, c.year)), 0) from calc c where c.target)`,
        );
  const allValues = raw(`(select string_agg(c.vals, ',' order by c.year) from calc c where c.target)`);
  const values = request.medians === false ? raw('null::text') : request.mediansKnown ? sql`case when ${fingerprint} = ${request.mediansKnown}::text then null else ${allValues} end` : allValues;
  return sql`with recursive ${subjects(request)},
    ${source(kind, request, parts, facts, layout)}${records},
    calc as (
      select s.id as region_id, s.code, s.region, s.target, y.year, ${vals} as vals
      from subjects s cross join unnest(${years}::int[]) y(year)
      left join src on src.region_id = s.id and src.year = y.year
      ${others.length ? raw('left join records on records.region_id = s.id and records.year = y.year') : raw('')}
      where ${validInYear(request)})
    select ${list(shape.rows, 'c.target')} as rows, ${list(shape.parents, 'not c.target')} as parents,
      (select string_agg(coalesce(n.count, 0)::text, ',' order by y.year) from unnest(${years}::int[]) y(year)
         left join (select c.year, count(*) from calc c where c.target group by c.year) n on n.year = y.year) as counts, ${values} as values,
      ${kind === 'records' ? raw('null::text') : raw('(select signature from metric_state)')} as facts, ${request.medians === false ? raw('null::text') : fingerprint} as fingerprint`;
}
