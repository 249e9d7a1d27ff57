/**
 * The writer of the metric facts: one function, generated from the catalog and installed by the owner after
 * the migrations (security definer), so the derived tables change only as the catalog computes them from the
 * records. The application role may ask for a refresh (`crc_metric_refresh`) and read the facts, but may not
 * write a figure of its own into them (issue 17, case 5: `mvals[1] = 9999` showed 9,999 deputies).
 *
 * What a run does (server/metrics/facts.ts says why): under an advisory lock, take the marks the write
 * triggers left in `metric_dirty`; rebuild everything when the facts were built from another catalog or
 * years (or the region tree changed), else recompute the marked regions' own facts and add the differences
 * to their ancestors' rollups.
 */
import crypto from 'node:crypto';
import { raw, sql, type Sql } from '../sql/sql.js';
import type { Metric, Part } from './metric.js';
import { partsOf } from './catalog.js';
import { ancestors, partsUnion, pivot } from './windows.js';

const refreshLock = 8_514_001;

/** What the facts are built from, years aside: the parts' SQL and order, and the metrics' make-up. */
export function catalogSignature(metrics: readonly Metric[]): string {
  const everywhere = () => sql`true`;
  const parts = partsOf(metrics).map((part) => `${part.key}:${part.combine}:${part.query(everywhere).compile().text}`);
  const made = metrics.map((metric) => `${metric.key}=${metric.numerator.key}/${metric.denominator?.key ?? ''}`);
  return crypto
    .createHash('sha1')
    .update([...parts, ...made].join('\n'))
    .digest('hex');
}

/** What `metric_state.signature` holds for facts built from the catalog over the given years. */
export const stateSignature = (catalog: string, firstYear: number, lastYear: number) => `${catalog}:${firstYear}-${lastYear}`;

/** A float array's elements as JSON number text (`null` for no data), rendered once when the facts are written. */
const asText = (column: string) => `array(select coalesce(x::text, 'null') from unnest(${column}) with ordinality as u(x, n) order by n)`;

/**
 * Each metric's value from a rollup row's parts, rounded as the API answers: numerator over denominator
 * (null for a zero denominator), or the numerator alone.
 */
function metricValues(metrics: readonly Metric[], parts: readonly Part[], floats: string): string {
  const at = (part: Part) => `${floats}[${parts.indexOf(part) + 1}]`;
  const value = (metric: Metric) => (metric.denominator ? `${at(metric.numerator)} / nullif(${at(metric.denominator)}, 0)` : `coalesce(${at(metric.numerator)}, 0)`);
  return `array[${metrics.map((metric) => `round((${value(metric)}) * 1e6) / 1e6`).join(', ')}]`;
}

/** The statements of the function: `crc_metric_refresh(catalog, from, to)` and its grant. */
export function refresherStatements(metrics: readonly Metric[]): string[] {
  const parts = partsOf(metrics);
  const catalog = catalogSignature(metrics);
  // Each part's own facts for every year of the range, in the regions `scope` admits.
  const ownFacts = (scope: (column: string) => Sql) =>
    sql`with w as (select y as year, make_date(y, 1, 1) as starts, make_date(y, 12, 31) as ends from generate_series(p_from, p_to) y)
      select u.slot as part, u.region_id, u.year, u.value from (${partsUnion(parts, scope)}) u where u.value <> 0`.inline();
  const dirtyOnly = (column: string) => raw(`${column} = any(v_dirty)`);
  const values = metricValues(metrics, parts, 'f.fvals');

  const rebuildOwnFacts = `
      truncate metric_own_fact;
      insert into metric_own_fact (part, region_id, year, value) ${ownFacts(() => raw('true'))};`;
  const rebuildRollups = `
      truncate metric_rollup, metric_value;
      insert into metric_rollup (region_id, year, vals)
        with recursive ${ancestors(null).inline()},
        up as (select a.ancestor_id as region_id, f.year, f.part as slot, sum(f.value) as value
               from metric_own_fact f join anc a on a.region_id = f.region_id group by 1, 2, 3)
        ${pivot('up', parts.length).inline()};
      insert into metric_value (year, region_id, mvals, mtext)
        select year, region_id, v, ${asText('v')} from (select f.year, f.region_id, ${values} as v from metric_rollup f) f;`;
  const deltaAncestors = ancestors(raw('select distinct region_id from pg_temp.metric_delta')).inline();
  const refreshRegions = `
      create temp table metric_fresh on commit drop as ${ownFacts(dirtyOnly)};
      create temp table metric_delta on commit drop as
        with old as (delete from metric_own_fact where region_id = any(v_dirty) returning part, region_id, year, value)
        select part, region_id, year, sum(value) as value
        from (select part, region_id, year, value from pg_temp.metric_fresh union all select part, region_id, year, -value from old) changes
        group by 1, 2, 3 having sum(value) <> 0;
      -- A fresh temp table has no statistics: the planner would take it for a thousand rows and hash the
      -- whole region tree to walk up from them (~12 ms twice per refresh at national scale).
      analyze pg_temp.metric_delta;
      insert into metric_own_fact (part, region_id, year, value) select part, region_id, year, value from pg_temp.metric_fresh;
      insert into metric_rollup (region_id, year, vals)
        with recursive ${deltaAncestors},
        up as (select a.ancestor_id as region_id, d.year, d.part as slot, sum(d.value) as value
               from pg_temp.metric_delta d join anc a on a.region_id = d.region_id group by 1, 2, 3)
        ${pivot('up', parts.length).inline()}
        on conflict (region_id, year) do update set vals = (
          select array_agg(coalesce(a, 0) + coalesce(b, 0) order by n)
          from unnest(metric_rollup.vals, excluded.vals) with ordinality as t(a, b, n));
      insert into metric_value (year, region_id, mvals, mtext)
        with recursive ${deltaAncestors}
        select year, region_id, v, ${asText('v')} from (
          select f.year, f.region_id, ${values} as v from metric_rollup f
          where f.region_id in (select ancestor_id from anc) and f.year in (select distinct year from pg_temp.metric_delta)) f
        on conflict (year, region_id) do update set mvals = excluded.mvals, mtext = excluded.mtext;
      drop table pg_temp.metric_fresh, pg_temp.metric_delta;`;

  return [
    // pg_temp last on the path: a temporary table of the caller's named like ours is never written in its place.
    `create or replace function crc_metric_refresh(p_catalog text, p_from int, p_to int) returns jsonb
    language plpgsql security definer set search_path = public, pg_temp as $refresh$
    declare
      v_signature text := '${catalog}:' || p_from || '-' || p_to;
      v_state text;
      v_marks int;
      v_whole boolean;
      v_dirty bigint[];
      v_rebuilt boolean := false;
    begin
      if p_catalog <> '${catalog}' then
        raise exception 'crc: the metric refresher installed was built from another catalog (restart the server to install its own)' using errcode = 'CA004';
      end if;
      if p_from is null or p_to is null or p_to < p_from or p_to - p_from > 100 then
        raise exception 'crc: no metric facts for the years % to %', p_from, p_to using errcode = '22023';
      end if;
      perform pg_advisory_xact_lock(${refreshLock});
      select signature into v_state from metric_state;
      with taken as (delete from metric_dirty returning region_id)
      select count(*), coalesce(bool_or(region_id is null), false), coalesce(array_agg(distinct region_id) filter (where region_id is not null), '{}')
        into v_marks, v_whole, v_dirty from taken;
      if v_marks = 0 and v_state is not distinct from v_signature then
        return jsonb_build_object('changed', false, 'rebuilt', false, 'regions', 0);
      end if;
      if v_state is distinct from v_signature then
        ${rebuildOwnFacts}
        ${rebuildRollups}
        v_rebuilt := true;
        v_dirty := '{}';
      else
        if cardinality(v_dirty) > 0 then
          ${refreshRegions}
        end if;
        if v_whole then
          ${rebuildRollups}
          v_rebuilt := true;
        end if;
      end if;
      insert into metric_state (id, signature, first_year, last_year, built_at, refreshed_at) values (1, v_signature, p_from, p_to, now(), now())
        on conflict (id) do update set signature = excluded.signature, first_year = excluded.first_year, last_year = excluded.last_year,
          built_at = case when v_rebuilt then now() else metric_state.built_at end, refreshed_at = now();
      return jsonb_build_object('changed', true, 'rebuilt', v_rebuilt, 'regions', cardinality(v_dirty));
    end $refresh$;`,
    `revoke all on function crc_metric_refresh(text, int, int) from public;`,
    `grant execute on function crc_metric_refresh(text, int, int) to crc_app;`,
  ];
}
