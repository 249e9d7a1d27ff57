/**
 * The writers of the metric facts: functions generated from the catalog and installed by the owner after
 * the migrations (security definer), so the derived tables change only as the catalog computes them from the
 * records. The application role may ask for a refresh (`crc_metric_refresh`) or a rebuild
 * (`crc_metric_rebuild`) and read the facts, but may not write a figure of its own into them (issue 17,
 * case 5: `mvals[1] = 9999` showed 9,999 deputies). server/metrics/facts.ts says when each runs.
 */
import crypto from 'node:crypto';
import { raw, sql, type Sql } from '../sql/sql.js';
import { everywhere, type Metric, type Part } from './metric.js';
import { partsOf } from './catalog.js';
import { ancestors, partsUnion, pivot, yearRangeWindows } from './windows.js';

/** Held by the refresh under way, each catch-up batch, and a rebuild's catch-up and swap: one writer of the facts at a time, across processes. */
export const refreshLock = 8_514_001;
/** Held by the one rebuild under way (across processes): another asks, finds it taken, and leaves it be. */
const rebuildLock = 8_514_002;
/** Taken shared by a rebuild between its build and its swap: a test holding it pauses rebuilds there. */
export const rebuildPause = 8_514_003;

/** What the facts are built from, years aside: the parts' SQL and order, and the metrics' make-up. */
export function catalogSignature(metrics: readonly Metric[]): string {
  const parts = partsOf(metrics).map((part) => `${part.key}:${part.combine}:${part.query(everywhere).compile().text}`);
  const made = metrics.map((metric) => `${metric.key}=${metric.numerator.key}/${metric.denominator?.key ?? ''}`);
  return crypto
    .createHash('sha1')
    .update([...parts, ...made].join('\n'))
    .digest('hex');
}

/**
 * What a part's values are made of: its SQL and how it combines over years (not its key). Facts stored under
 * one catalog serve another for every part whose signature both share (issue 20: after an upgrade, only the
 * changed parts wait for the rebuild).
 */
export function partSignature(part: Part): string {
  return crypto
    .createHash('sha1')
    .update(`${part.combine}:${part.query(everywhere).compile().text}`)
    .digest('hex');
}

/** A metric's values are its parts' divided (or its numerator alone): the same parts, the same values. */
export function metricSignature(metric: Metric): string {
  return crypto
    .createHash('sha1')
    .update(`${partSignature(metric.numerator)}/${metric.denominator ? partSignature(metric.denominator) : ''}`)
    .digest('hex');
}

/**
 * A float array's elements as JSON number text (`null` for no data), rendered once when the facts are written:
 * joined and split again (each element as `x::text` renders it), a third of the time of a sorted subquery per row
 * over the 400,000 rows of a national build.
 */
const asText = (column: string) => `string_to_array(array_to_string(${column}, ',', 'null'), ',')`;

/**
 * Each metric's value from a rollup row's parts, rounded as the API answers: numerator over denominator
 * (null for a zero denominator), or the numerator alone.
 */
function metricValues(metrics: readonly Metric[], parts: readonly Part[], floats: string, slot: (index: number) => string = (index) => String(index + 1)): string {
  const at = (part: Part) => `${floats}[${slot(parts.indexOf(part))}]`;
  const value = (metric: Metric) => (metric.denominator ? `${at(metric.numerator)} / nullif(${at(metric.denominator)}, 0)` : `coalesce(${at(metric.numerator)}, 0)`);
  return `array[${metrics.map((metric) => `round((${value(metric)}) * 1e6) / 1e6`).join(', ')}]`;
}

/** The three derived tables a refresh writes: the ones comparisons read, or the next ones a rebuild fills. */
type FactTables = { own: string; rollup: string; value: string };
const factTables: FactTables = { own: 'metric_own_fact', rollup: 'metric_rollup', value: 'metric_value' };
const nextTables: FactTables = { own: 'metric_own_fact_next', rollup: 'metric_rollup_next', value: 'metric_value_next' };

/**
 * The statements of the functions, each generated from the catalog:
 * - `crc_metric_refresh(catalog, limit)`: takes the marks of at most `limit` written regions (null: all) and
 *   brings their facts, and their ancestors' rollups, up to date: milliseconds, under the refresh lock, and says
 *   whether marked regions beyond the limit were left (`more`: server/metrics/facts.ts hands them to its
 *   catch-up, which calls again until none are). Facts of another catalog (or none) are left for a rebuild, and
 *   so is a changed region tree (a mark without a region).
 * - `crc_metric_rebuild(catalog, from, to)`: builds every fact anew into the next tables while comparisons
 *   keep reading the current ones, then catches up with the regions written meanwhile and swaps the tables
 *   in (the refresh lock is held for the catch-up and the swap only). Refreshes during the build record the
 *   regions they took in `metric_replay`, with the time, so that none of their writes is lost to the new facts.
 */
export function refresherStatements(metrics: readonly Metric[]): string[] {
  const parts = partsOf(metrics);
  const catalog = catalogSignature(metrics);
  // Each part's own facts for every year of the range, in the regions `scope` admits.
  const ownFacts = (scope: (column: string) => Sql) =>
    sql`with ${yearRangeWindows('p_from', 'p_to')}
      select u.region_id, u.year, u.slot as part, u.value from (${partsUnion(parts, scope)}) u where u.value <> 0`.inline();
  const dirtyOnly = (column: string) => raw(`${column} = any(v_dirty)`);
  const values = metricValues(metrics, parts, 'f.fvals');

  // Own facts by CREATE TABLE AS, which may run in parallel where INSERT … SELECT may not; the others follow.
  const buildAll = (t: FactTables): [phase: string, statements: string][] => [
    [
      'ownFacts',
      `create unlogged table public.${t.own} as ${ownFacts(everywhere)};
      alter table public.${t.own} alter column region_id set not null, alter column year set not null, alter column part set not null, alter column value set not null;`,
    ],
    [
      'rollups',
      // Level by level from the deepest: each region's sums handed to its parent once, as the parent's rows (13
      // million rows when every own fact was joined to each of its ancestors at once, 3.6 million so). A region
      // rolls up through live regions only, as `ancestors` walks them: the roots are the live regions without a
      // live parent.
      `create temp table metric_level on commit drop as
        with recursive level(id, parent_id, depth) as (
          select r.id, r.parent_id, 0 from region r
          where r.deleted_at is null and not exists (select 1 from region p where p.id = r.parent_id and p.deleted_at is null)
          union all
          select r.id, r.parent_id, level.depth + 1 from region r join level on r.parent_id = level.id where r.deleted_at is null)
        select id, parent_id, depth from level;
      analyze pg_temp.metric_level;
      create temp table metric_up on commit drop as
        select f.region_id, f.year, f.part as slot, f.value, l.depth from ${t.own} f join pg_temp.metric_level l on l.id = f.region_id;
      for v_depth in reverse coalesce((select max(depth) from pg_temp.metric_level), 0) .. 1 loop
        insert into pg_temp.metric_up (region_id, year, slot, value, depth)
          select l.parent_id, u.year, u.slot, sum(u.value), v_depth - 1
          from pg_temp.metric_up u join pg_temp.metric_level l on l.id = u.region_id where u.depth = v_depth group by 1, 2, 3;
      end loop;
      insert into ${t.rollup} (region_id, year, vals) ${pivot('pg_temp.metric_up', parts.length).inline()};
      drop table pg_temp.metric_level, pg_temp.metric_up;`,
    ],
    [
      'values',
      `insert into ${t.value} (year, region_id, mvals, mtext)
        select year, region_id, v, ${asText('v')} from (select f.year, f.region_id, ${values} as v from ${t.rollup} f) f;`,
    ],
  ];
  // Each phase's statements, then its time in milliseconds noted in `v_phases` (reported by the rebuild).
  const timed = (phases: [phase: string, statements: string][]) =>
    phases
      .map(
        ([phase, statements]) => `${statements}
      v_phases := v_phases || jsonb_build_object('${phase}', round(extract(epoch from clock_timestamp() - v_mark) * 1000)); v_mark := clock_timestamp();`,
      )
      .join('\n');
  const deltaAncestors = ancestors(raw('select distinct region_id from pg_temp.metric_delta')).inline();
  // The catalog's values in the stored facts' layout (`v_slot`: each part's stored slot; `v_metric`: the catalog
  // metric at each stored position), the same as the catalog's own unless the facts were built from another
  // catalog: then the parts and metrics both share are kept fresh where they are stored, the rest left alone.
  const remappedValues = metricValues(metrics, parts, 'f.fvals', (index) => `v_slot[${index + 1}]`);
  const inStoredLayout = (array: string, width: string, at: string) => `case when v_identity then ${array} else array(select (${array})[${at}[n]] from generate_series(1, ${width}) n order by n) end`;
  const keepingOthers = (table: string, column: string) =>
    `case when v_identity then excluded.${column} else array(select case when v_metric[n] is null then ${table}.${column}[n] else excluded.${column}[n] end from generate_series(1, v_mwidth) n order by n) end`;
  // The regions of `v_dirty`: their own facts recomputed, the differences added to their ancestors' rollups.
  const refreshRegions = (t: FactTables) => `
      create temp table metric_fresh on commit drop as
        select f.region_id, f.year, v_slot[f.part] as part, f.value from (${ownFacts(dirtyOnly)}) f where v_slot[f.part] is not null;
      create temp table metric_delta on commit drop as
        with old as (delete from ${t.own} where region_id = any(v_dirty) and part = any(v_slot) returning part, region_id, year, value)
        select part, region_id, year, sum(value) as value
        from (select part, region_id, year, value from pg_temp.metric_fresh union all select part, region_id, year, -value from old) changes
        group by 1, 2, 3 having sum(value) <> 0;
      -- A fresh temp table has no statistics: the planner would take it for a thousand rows and hash the
      -- whole region tree to walk up from them (~12 ms twice per refresh at national scale).
      analyze pg_temp.metric_delta;
      insert into ${t.own} (region_id, year, part, value) select region_id, year, part, value from pg_temp.metric_fresh;
      insert into ${t.rollup} (region_id, year, vals)
        with recursive ${deltaAncestors},
        up as (select a.ancestor_id as region_id, d.year, array_position(v_slot, d.part) as slot, sum(d.value) as value
               from pg_temp.metric_delta d join anc a on a.region_id = d.region_id group by 1, 2, 3)
        select p.region_id, p.year, ${inStoredLayout('p.vals', 'v_width', 'v_part')} from (${pivot('up', parts.length).inline()}) p
        on conflict (region_id, year) do update set vals = (
          select array_agg(coalesce(a, 0) + coalesce(b, 0) order by n)
          from unnest(${t.rollup}.vals, excluded.vals) with ordinality as t(a, b, n));
      insert into ${t.value} (year, region_id, mvals, mtext)
        with recursive ${deltaAncestors}
        select year, region_id, v, ${asText('v')} from (
          select f.year, f.region_id, ${inStoredLayout(remappedValues, 'v_mwidth', 'v_metric')} as v from ${t.rollup} f
          where f.region_id in (select ancestor_id from anc) and f.year in (select distinct year from pg_temp.metric_delta)) f
        on conflict (year, region_id) do update set mvals = ${keepingOthers(t.value, 'mvals')}, mtext = ${keepingOthers(t.value, 'mtext')};
      drop table pg_temp.metric_fresh, pg_temp.metric_delta;`;
  const derived = Object.values(factTables);
  const partSignatures = `array[${parts.map((part) => `'${partSignature(part)}'`).join(', ')}]::text[]`;
  const metricSignatures = `array[${metrics.map((metric) => `'${metricSignature(metric)}'`).join(', ')}]::text[]`;
  // The layout variables of refreshRegions for facts built from this catalog.
  const identityLayout = `
      v_identity := true;
      v_width := ${parts.length};
      v_mwidth := ${metrics.length};
      v_slot := array(select generate_series(1, v_width));
      v_part := v_slot;
      v_metric := array(select generate_series(1, v_mwidth));`;
  const layoutDeclarations = `
      v_identity boolean;
      v_width int;
      v_mwidth int;
      v_slot int[];
      v_part int[];
      v_metric int[];`;
  const checkCatalog = `
      if p_catalog <> '${catalog}' then
        raise exception 'crc: the metric refresher installed was built from another catalog (restart the server to install its own)' using errcode = 'CA004';
      end if;`;

  return [
    // pg_temp last on the path: a temporary table of the caller's named like ours is never written in its place.
    `create or replace function crc_metric_refresh(p_catalog text, p_limit int default null) returns jsonb
    language plpgsql security definer set search_path = public, pg_temp as $refresh$
    declare
      p_from int;
      p_to int;
      v_state text;
      v_parts text[];
      v_metrics text[];
      v_dirty bigint[];
      v_more boolean;${layoutDeclarations}
    begin
      ${checkCatalog}
      if p_limit is not null and p_limit < 1 then
        raise exception 'crc: a metric refresh takes at least one region, not %', p_limit using errcode = '22023';
      end if;
      perform pg_advisory_xact_lock(${refreshLock});
      select signature, first_year, last_year, part_signatures, metric_signatures into v_state, p_from, p_to, v_parts, v_metrics from metric_state;
      if v_state = '${catalog}' then
        ${identityLayout}
      elsif v_parts is not null and v_metrics is not null then
        -- Facts of another catalog (an upgrade changed it) serve the metrics both share until the rebuild swaps
        -- in this catalog's: those are kept fresh where they are stored (server/metrics/facts.ts, FactsLayout).
        v_identity := false;
        v_width := cardinality(v_parts);
        v_mwidth := cardinality(v_metrics);
        v_slot := array(select array_position(v_parts, u.signature) from unnest(${partSignatures}) with ordinality u(signature, n) order by n);
        v_part := array(select array_position(v_slot, n) from generate_series(1, v_width) n order by n);
        v_metric := array(select array_position(${metricSignatures}, u.signature) from unnest(v_metrics) with ordinality u(signature, n) order by n);
      else
        -- No facts, or facts that do not say what they are made of: the marks wait for the rebuild, which covers them.
        return jsonb_build_object('rebuild', true, 'regions', 0, 'more', false);
      end if;
      -- A bounded batch, so that each commit makes progress however many regions a bulk change marked (issue 20:
      -- one migration marked ~31,000, a refresh no request could finish, cancelled and begun again by every
      -- comparison). The lowest ids first, through the index on the marks: a batch stops reading at its limit, and
      -- regions loaded together (neighbours, siblings) share their ancestors' rollups; their marks deleted through
      -- the index too (= any(array): a join would scan every mark). Whether more are left is read in the same
      -- statement, so a write committed meanwhile is not taken for a backlog.
      with marked as (select distinct region_id from metric_dirty where region_id is not null order by region_id limit p_limit + 1),
      taken as (delete from metric_dirty where region_id = any(array(select region_id from marked order by region_id limit p_limit)) returning region_id)
      select coalesce((select array_agg(distinct region_id) from taken), '{}'), coalesce((select count(*) from marked) > p_limit, false) into v_dirty, v_more;
      if cardinality(v_dirty) > 0 then
        ${refreshRegions(factTables)}
        insert into metric_replay (region_id, taken_at) select unnest(v_dirty), clock_timestamp()
          on conflict (region_id) do update set taken_at = excluded.taken_at;
        update metric_state set refreshed_at = now();
      end if;
      return jsonb_build_object('rebuild', not v_identity or exists (select 1 from metric_dirty where region_id is null), 'regions', cardinality(v_dirty), 'more', v_more);
    end $refresh$;`,
    // Memory for the hash tables of a national build (a seat's windows, the seat-years by region), not spilled to disk.
    `create or replace function crc_metric_rebuild(p_catalog text, p_from int, p_to int) returns jsonb
    language plpgsql security definer set search_path = public, pg_temp set work_mem = '256MB' as $rebuild$
    declare
      v_table text;
      v_key record;
      v_started timestamptz;
      v_mark timestamptz;
      v_phases jsonb := '{}';
      v_scans text[];
      v_depth int;
      v_dirty bigint[];
      v_lock_timeout text;${layoutDeclarations}
    begin
      ${checkCatalog}
      if p_from is null or p_to is null or p_to < p_from or p_to - p_from > 100 then
        raise exception 'crc: no metric facts for the years % to %', p_from, p_to using errcode = '22023';
      end if;
      if not pg_try_advisory_xact_lock(${rebuildLock}) then
        return jsonb_build_object('rebuilt', false, 'busy', true);
      end if;
      -- The region tree as the new facts will read it: marks of changes to it up to now are answered by this build.
      delete from metric_dirty where region_id is null;
      foreach v_table in array array['${derived.join("', '")}'] loop
        execute format('drop table if exists public.%I', v_table || '_next');
        if v_table <> '${factTables.own}' then
          -- Unlogged like the tables they replace (migration 20261214120000): derived, lost with their state in a crash.
          execute format('create unlogged table public.%I (like public.%I including all excluding indexes)', v_table || '_next', v_table);
        end if;
      end loop;
      -- Writes from here on may be missing from the build: the regions refreshes take meanwhile are replayed below.
      v_started := clock_timestamp();
      v_mark := v_started;
      -- A build reads every row: scans and hash joins, not index probes (a quarter less of its time nationally);
      -- restored for the catch-up, which reads a few regions.
      v_scans := array[current_setting('enable_indexscan'), current_setting('enable_indexonlyscan'), current_setting('enable_bitmapscan')];
      perform set_config(name, 'off', true) from unnest(array['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']) name;
      ${timed(buildAll(nextTables))}
      perform set_config(name, setting, true) from unnest(array['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan'], v_scans) as s(name, setting);
      foreach v_table in array array['${derived.join("', '")}'] loop
        -- The application role reads the facts and writes none (the schema's default privileges would let it).
        execute format('revoke all on public.%I from public, crc_app', v_table || '_next');
        execute format('grant select on public.%I to crc_app', v_table || '_next');
        for v_key in select conname, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = format('public.%I', v_table)::regclass and contype = 'p' loop
          execute format('alter table public.%I add constraint %I %s', v_table || '_next', v_key.conname || '_next', v_key.definition);
        end loop;
        execute format('analyze public.%I', v_table || '_next');
      end loop;
      ${timed([['keys', '']])}
      -- Free unless a test holds it, to find the writes made between the build and the swap in the new facts.
      perform pg_advisory_xact_lock_shared(${rebuildPause});

      -- The swap drops the current tables, so it needs them to itself: taken with the refresh lock in attempts of half
      -- a second, so that a long comparison reading them (changed metrics computed from the records run up to the
      -- statement limit) delays the swap instead of failing a finished build on the connection's lock timeout, and
      -- comparisons queued behind an attempt wait half a second at most. Refused after five minutes of attempts.
      v_lock_timeout := current_setting('lock_timeout');
      v_mark := clock_timestamp();
      loop
        begin
          perform set_config('lock_timeout', '500ms', true);
          perform pg_advisory_xact_lock(${refreshLock});
          lock table ${derived.map((table) => `public.${table}`).join(', ')} in access exclusive mode;
          exit;
        exception when lock_not_available then
          if clock_timestamp() - v_mark > interval '5 minutes' then raise; end if;
          perform pg_sleep(0.1);
        end;
      end loop;
      perform set_config('lock_timeout', v_lock_timeout, true);
      v_mark := clock_timestamp();
      with taken as (delete from metric_dirty where region_id is not null returning region_id)
      select coalesce(array_agg(distinct region_id), '{}') into v_dirty
        from (select region_id from taken union select region_id from metric_replay where taken_at >= v_started) written;
      if cardinality(v_dirty) > 0 then
        ${identityLayout}
        ${refreshRegions(nextTables)}
      end if;
      foreach v_table in array array['${derived.join("', '")}'] loop
        execute format('drop table public.%I', v_table);
        execute format('alter table public.%I rename to %I', v_table || '_next', v_table);
        for v_key in select conname from pg_constraint where conrelid = format('public.%I', v_table)::regclass and contype = 'p' loop
          execute format('alter table public.%I rename constraint %I to %I', v_table, v_key.conname, left(v_key.conname, -length('_next')));
        end loop;
      end loop;
      insert into metric_state (id, signature, first_year, last_year, built_at, refreshed_at, part_signatures, metric_signatures)
        values (1, '${catalog}', p_from, p_to, now(), now(), ${partSignatures}, ${metricSignatures})
        on conflict (id) do update set signature = excluded.signature, first_year = excluded.first_year, last_year = excluded.last_year,
          built_at = excluded.built_at, refreshed_at = excluded.refreshed_at, part_signatures = excluded.part_signatures, metric_signatures = excluded.metric_signatures;
      ${timed([['catchUpAndSwap', '']])}
      return jsonb_build_object('rebuilt', true, 'busy', false, 'regions', cardinality(v_dirty), 'phases', v_phases);
    end $rebuild$;`,
    `revoke all on function crc_metric_refresh(text, int) from public;`,
    `grant execute on function crc_metric_refresh(text, int) to crc_app;`,
    `revoke all on function crc_metric_rebuild(text, int, int) from public;`,
    `grant execute on function crc_metric_rebuild(text, int, int) to crc_app;`,
  ];
}
