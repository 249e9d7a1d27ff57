/**
 * `compareRegions` as SQL: one statement answers rows and parents (the medians are taken from the rows, medians.ts). The regions compared are
 * those of a level (under a parent, or picked by id); each value is a part divided by a part, read from
 * the rollups when they hold what is asked (years in range; a period of whole years whose parts combine
 * over years) and otherwise computed from the records over the asked windows, the same part SQL either
 * way. A zero denominator gives null; a count with nothing to count gives 0.
 */
import { join, raw, sql, type Sql } from '../sql/sql.js';
import type { FactsRange, MetricFacts } from './facts.js';
import type { Metric, Part } from './metric.js';
import { partsUnion, periodWindow, pivot, yearWindows } from './windows.js';

export type Period = { from: string; to: string };

export type ComparisonRequest = {
  metrics: readonly Metric[];
  /** The region of each row as the query selects it (compiled, so no row needs a lookup of its own). */
  regionJson?: ((alias: string) => Sql) | null;
  level: string;
  regionIds?: readonly string[] | null;
  parentId?: string | null;
  years?: readonly number[] | null;
  period?: Period | null;
};

export type ComparisonRow = { regionId: string | null; region: Record<string, unknown> | null; year: number | null; values: (number | null)[] };
export type Comparison = { rows: ComparisonRow[]; medians: ComparisonRow[]; parents: ComparisonRow[] };
/** A row as the statement returns it: `[regionId, region, year, values]` (compact: thousands of rows). */
export type ComparisonTuple = [string | null, Record<string, unknown> | null, number | null, (number | null)[]];
export type ComparisonResult = { rows: ComparisonTuple[]; parents: ComparisonTuple[] };

export const rowOf = ([regionId, region, year, values]: ComparisonTuple): ComparisonRow => ({ regionId, region, year, values });

/** Where the part values come from for this request. */
export type Source = 'facts' | 'facts-period' | 'records';

const lastDayOf = (year: number) => `${year}-12-31`;
const isoToday = (today: Date) => today.toISOString().slice(0, 10);

/** Reads the rollups for years or a period of whole years inside the facts' range; else the records. */
export function sourceFor(request: ComparisonRequest, parts: readonly Part[], range: FactsRange, today: Date): Source {
  const inRange = (year: number) => year >= range.firstYear && year <= range.lastYear;
  if (request.years) return request.years.every(inRange) ? 'facts' : 'records';
  const { from, to } = request.period!;
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const wholeYears = from.endsWith('-01-01') && (to === lastDayOf(last) || (last === range.lastYear && to >= isoToday(today)));
  const combinable = parts.every((part) => part.combine !== 'distinct');
  return wholeYears && combinable && inRange(first) && inRange(last) ? 'facts-period' : 'records';
}

/**
 * The regions compared (`target`) and their parents, as `subjects(id, code, region, target)`: `region` is
 * each one's JSON as the query selects it, built while the row is at hand.
 */
function subjects(request: ComparisonRequest): Sql {
  const level = request.level;
  const live = sql`r.level = ${level} and r.deleted_at is null`;
  const region = request.regionJson ? request.regionJson('r') : raw('null::json');
  const columns = sql`r.id, r.code, r.parent_id, ${region} as region`;
  const targets = request.regionIds
    ? sql`select ${columns} from region r where r.id = any(${request.regionIds}::bigint[]) and ${live}`
    : request.parentId
      ? sql`select ${columns} from below d join region r on r.id = d.id where ${live}`
      : sql`select ${columns} from region r where ${live}`;
  const parents = request.parentId
    ? sql`select ${columns} from region r where r.id = ${request.parentId}::bigint`
    : sql`select ${columns} from region r where r.id in (select parent_id from targets)`;
  return sql`below(id) as (
      select ${request.parentId ?? null}::bigint where ${request.parentId ?? null}::bigint is not null
      union all select r.id from region r join below b on r.parent_id = b.id where r.deleted_at is null),
    targets as (${targets}),
    subjects(id, code, region, target) as (
      select id, code, region, true from targets
      union all select p.id, p.code, p.region, false from (${parents}) p where not exists (select 1 from targets t where t.id = p.id))`;
}

/**
 * `src(region_id, year, vals)` for every subject: from the facts of single years, the requested metrics'
 * values as the refresher stored them; otherwise the needed parts' values (in `parts` order).
 */
function source(kind: Source, request: ComparisonRequest, parts: readonly Part[], facts: MetricFacts): Sql {
  const slots = parts.map((part) => facts.slotOf(part));
  if (kind === 'facts') {
    // The values as the refresher rendered them (JSON number text): no float is formatted per call.
    const vals = join(request.metrics.map((metric) => raw(`f.mtext[${facts.metrics.indexOf(metric) + 1}]`)), ', ');
    return sql`src(region_id, year, vals) as (
      select f.region_id, f.year, array[${vals}] from metric_value f
      where f.year = any(${request.years}::int[]) and f.region_id in (select id from subjects))`;
  }
  if (kind === 'facts-period') {
    const last = Number(request.period!.to.slice(0, 4));
    const combined = join(
      parts.map((part, index) =>
        part.combine === 'sum'
          ? raw(`coalesce(sum(f.vals[${slots[index]}]), 0)::float8`)
          : sql`coalesce(sum(f.vals[${raw(String(slots[index]))}]) filter (where f.year = ${last}), 0)::float8`,
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
    src(region_id, year, vals) as (select region_id, year, vals::float8[] from pivoted)`;
}

/**
 * Each metric's value from `src.vals` (float8: counts and sums of money stay exact far beyond any real
 * total, and the division is then cheap): numerator over denominator, or the numerator alone, to six
 * decimal places (a ratio to 0.0001 %: what any chart or table shows, at a third of the answer's size).
 */
function metricValues(metrics: readonly Metric[], parts: readonly Part[]): Sql {
  const at = (part: Part) => `src.vals[${parts.indexOf(part) + 1}]`;
  const value = (metric: Metric) => (metric.denominator ? `${at(metric.numerator)} / nullif(${at(metric.denominator)}, 0)` : `coalesce(${at(metric.numerator)}, 0)`);
  return join(metrics.map((metric) => raw(`round((${value(metric)}) * 1e6) / 1e6`)), ', ');
}

/**
 * The metrics' values as JSON text when `src` holds them pre-rendered: a region with no facts row counts 0,
 * rates have no data (`null`).
 */
function storedValuesText(metrics: readonly Metric[]): Sql {
  const items = metrics.map((metric, index) => `coalesce(src.vals[${index + 1}], '${metric.denominator ? 'null' : '0'}')`);
  return raw(`'[' || array_to_string(array[${items.join(', ')}], ',') || ']'`);
}

/** One row as JSON text, `[regionId, region, year, values]`, from calc's text values. */
const rowText = `'["' || c.region_id || '",' || coalesce(c.region::text, 'null') || ',' || coalesce(nullif(c.year, 0)::text, 'null') || ',' || c.vals || ']'`;

/** The parts the metrics divide, each once. */
export function partsFor(metrics: readonly Metric[]): Part[] {
  return [...new Set(metrics.flatMap((metric) => (metric.denominator ? [metric.numerator, metric.denominator] : [metric.numerator])))];
}

/**
 * The statement; its one `result` is JSON, or for the facts of single years the same JSON as text, put
 * together from the values the refresher rendered (thousands of rows: formatting their floats and
 * aggregating them as json values was the statement's largest cost).
 */
export function comparisonStatement(request: ComparisonRequest, facts: MetricFacts, kind: Source): Sql {
  const parts = partsFor(request.metrics);
  const years = request.years ?? [0];
  const head = sql`with recursive ${subjects(request)},
    ${source(kind, request, parts, facts)},
    calc as (
      select s.id as region_id, s.code, s.region, s.target, y.year,
        ${kind === 'facts' ? storedValuesText(request.metrics) : sql`array[${metricValues(request.metrics, parts)}]`} as vals
      from subjects s cross join unnest(${years}::int[]) y(year)
      left join src on src.region_id = s.id and src.year = y.year)`;
  if (kind === 'facts') {
    const list = (target: string) => raw(`coalesce((select '[' || string_agg(${rowText}, ',' order by c.code, c.year) || ']' from calc c where ${target}), '[]')`);
    return sql`${head} select '{"rows":' || ${list('c.target')} || ',"parents":' || ${list('not c.target')} || '}' as result`;
  }
  return sql`${head}
    select json_build_object(
      'rows', (select coalesce(json_agg(json_build_array(c.region_id::text, c.region, nullif(c.year, 0), c.vals) order by c.code, c.year), '[]') from calc c where c.target),
      'parents', (select coalesce(json_agg(json_build_array(c.region_id::text, c.region, nullif(c.year, 0), c.vals) order by c.code, c.year), '[]') from calc c where not c.target)) as result`;
}
