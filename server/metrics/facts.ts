/**
 * The pre-aggregated facts behind `compareRegions`, and how they stay fresh.
 *
 * - `metric_own_fact`: each part's value per (region, year) over the records attributed to that region.
 * - `metric_rollup`: the same summed into every ancestor, one `vals` array per (region, year), a slot
 *   per part: a county's row covers its townships, a city's its counties.
 * - `metric_value`: each rollup row's metric values in catalog order, what comparisons of years read — as
 *   numbers (`mvals`) and as the JSON text they are answered with (`mtext`, rendered once here).
 *
 * Writes mark their regions in `metric_dirty` through triggers, in the writing transaction. A refresh
 * takes the marks, recomputes those regions' own facts for every year, and adds the differences to
 * their ancestors' rollups: a handful of statements whose cost follows the regions touched, not the
 * data set. Refreshes run one at a time (an advisory lock) and read only committed data after taking the
 * lock, so a mark is never consumed before the write it marks is visible. The server refreshes after
 * each mutation it answers and before each comparison when marks are pending, so a comparison never
 * reads stale facts; writes from elsewhere (plain SQL, another process) are caught by the same marks.
 * The whole is rebuilt when the catalog or the year range changes and after bulk loads (which run
 * without triggers and drop `metric_state`).
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { log } from '../log.js';
import { raw, sql, type Sql } from '../sql/sql.js';
import type { Metric, Part } from './metric.js';
import { partsOf } from './catalog.js';
import { ancestors, partsUnion, pivot, yearWindows } from './windows.js';

const refreshLock = 8_514_001;

type Queryable = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }> };

const run = (client: Queryable, statement: Sql) => {
  const { text, values } = statement.compile();
  return client.query(text, values);
};

/**
 * Marks the facts for a full rebuild: for loads that bypass the triggers (bulk COPY with triggers off,
 * truncation). The next refresh rebuilds everything.
 */
export async function invalidateMetricFacts(client: Queryable): Promise<void> {
  await client.query('delete from metric_state');
}

export type FactsRange = { firstYear: number; lastYear: number };

export type RefreshOutcome = { rebuilt: boolean; regions: number; ms: number };

/** A float array's elements as JSON number text (`null` for no data), rendered once when the facts are written. */
const asText = (column: string) => raw(`array(select coalesce(x::text, 'null') from unnest(${column}) with ordinality as u(x, n) order by n)`);

export class MetricFacts {
  readonly parts: Part[];
  private running: Promise<RefreshOutcome> | undefined;
  private queued: Promise<RefreshOutcome> | undefined;
  private closed = false;

  constructor(
    readonly metrics: readonly Metric[],
    private readonly pool: pg.Pool,
    private readonly years: number,
    private readonly today: () => Date = () => new Date(),
  ) {
    this.parts = partsOf(metrics);
  }

  /** The years the facts hold: the last `years` calendar years up to the current one. */
  range(): FactsRange {
    const lastYear = this.today().getFullYear();
    return { firstYear: lastYear - this.years + 1, lastYear };
  }

  /** Slot (1-based) of each part in a rollup row. */
  slotOf(part: Part): number {
    return this.parts.indexOf(part) + 1;
  }

  private signed: { lastYear: number; signature: string } | undefined;

  /** What the facts were built from: the parts' SQL and order, and the years (computed once a year). */
  signature(): string {
    const { firstYear, lastYear } = this.range();
    if (this.signed?.lastYear === lastYear) return this.signed.signature;
    const everywhere = () => sql`true`;
    const parts = this.parts.map((part) => `${part.key}:${part.combine}:${part.query(everywhere).compile().text}`);
    const metrics = this.metrics.map((metric) => `${metric.key}=${metric.numerator.key}/${metric.denominator?.key ?? ''}`);
    const text = [...parts, ...metrics].join('\n');
    const signature = crypto.createHash('sha1').update(`${firstYear}-${lastYear}\n${text}`).digest('hex');
    this.signed = { lastYear, signature };
    return signature;
  }

  /** True when a comparison may read the facts as they are: built from this catalog, nothing pending. */
  async current(client: Queryable = this.pool): Promise<boolean> {
    const { rows } = await client.query(
      `select exists (select 1 from metric_state where signature = $1) and not exists (select 1 from metric_dirty) as current`,
      [this.signature()],
    );
    return rows[0].current;
  }

  /**
   * Brings the facts up to date with everything committed before the call. A run under way may have
   * taken its marks before the caller's write committed, so callers meanwhile share one more run after it.
   */
  refresh(): Promise<RefreshOutcome> {
    if (this.closed) return Promise.resolve({ rebuilt: false, regions: 0, ms: 0 });
    if (!this.running) {
      this.running = this.refreshOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.refresh();
      });
    return this.queued;
  }

  /** Resolves once no refresh is running or queued. */
  async settled(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined);
  }

  /** Starts no further refresh and waits for the running one (before the pool closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  /** Refreshes in the background (after a mutation): failures are logged, the next refresh retries. */
  refreshSoon(): void {
    void this.refresh().catch((error) => log.warn(`metric refresh failed: ${(error as Error).message}`));
  }

  private async refreshOnce(): Promise<RefreshOutcome> {
    const started = performance.now();
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A full rebuild at national scale takes minutes: the per-request statement timeout is not for it.
      await client.query(`set local statement_timeout = 0`);
      await client.query('select pg_advisory_xact_lock($1)', [refreshLock]);
      const signature = this.signature();
      const { rows: state } = await client.query('select signature from metric_state');
      const { rows: marks } = await client.query('delete from metric_dirty returning region_id');
      if (marks.length === 0 && state[0]?.signature === signature) {
        await client.query('rollback'); // nothing to do: nothing written, not even the refresh time
        return { rebuilt: false, regions: 0, ms: performance.now() - started };
      }
      let rebuilt = false;
      let regions = 0;
      if (state[0]?.signature !== signature) {
        await this.rebuildOwnFacts(client);
        await this.rebuildRollups(client);
        rebuilt = true;
      } else {
        const dirty = [...new Set(marks.map((mark) => mark.region_id).filter((id): id is string => id !== null))];
        regions = dirty.length;
        if (dirty.length) await this.refreshRegions(client, dirty);
        if (marks.some((mark) => mark.region_id === null)) {
          await this.rebuildRollups(client);
          rebuilt = true;
        }
      }
      const { firstYear, lastYear } = this.range();
      await client.query(
        `insert into metric_state (id, signature, first_year, last_year, built_at, refreshed_at) values (1, $1, $2, $3, now(), now())
         on conflict (id) do update set signature = excluded.signature, first_year = excluded.first_year, last_year = excluded.last_year,
           built_at = case when $4 then now() else metric_state.built_at end, refreshed_at = now()`,
        [signature, firstYear, lastYear, rebuilt],
      );
      await client.query('commit');
      const ms = performance.now() - started;
      if (rebuilt) log.info(`metric facts rebuilt in ${Math.round(ms)} ms`);
      return { rebuilt, regions, ms };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private ownFacts(scope: (column: string) => Sql): Sql {
    const { firstYear, lastYear } = this.range();
    const years = Array.from({ length: lastYear - firstYear + 1 }, (_, index) => firstYear + index);
    return sql`with ${yearWindows(years)}
      select u.slot as part, u.region_id, u.year, u.value from (${partsUnion(this.parts, scope)}) u where u.value <> 0`;
  }

  private async rebuildOwnFacts(client: Queryable): Promise<void> {
    await client.query('truncate metric_own_fact');
    await run(client, sql`insert into metric_own_fact (part, region_id, year, value) ${this.ownFacts(() => sql`true`)}`);
  }

  /**
   * Each metric's value from a rollup row's parts, rounded as the API answers: numerator over denominator
   * (null for a zero denominator), or the numerator alone.
   */
  private metricValues(floats: string): Sql {
    const at = (part: Part) => `${floats}[${this.slotOf(part)}]`;
    const value = (metric: Metric) => (metric.denominator ? `${at(metric.numerator)} / nullif(${at(metric.denominator)}, 0)` : `coalesce(${at(metric.numerator)}, 0)`);
    return raw(`array[${this.metrics.map((metric) => `round((${value(metric)}) * 1e6) / 1e6`).join(', ')}]`);
  }

  private async rebuildRollups(client: Queryable): Promise<void> {
    await client.query('truncate metric_rollup, metric_value');
    await run(
      client,
      sql`insert into metric_rollup (region_id, year, vals)
        with recursive ${ancestors(null)},
        up as (select a.ancestor_id as region_id, f.year, f.part as slot, sum(f.value) as value
               from metric_own_fact f join anc a on a.region_id = f.region_id group by 1, 2, 3)
        ${pivot('up', this.parts.length)}`,
    );
    await run(client, sql`insert into metric_value (year, region_id, mvals, mtext) select year, region_id, v, ${asText('v')} from (select f.year, f.region_id, ${this.metricValues('f.fvals')} as v from metric_rollup f) f`);
  }

  /** Recomputes the own facts of `regions` and adds the differences to every ancestor's rollup. */
  private async refreshRegions(client: Queryable, regions: string[]): Promise<void> {
    const scope = (column: string) => sql`${raw(column)} = any(${regions}::bigint[])`;
    await run(client, sql`create temp table metric_fresh on commit drop as ${this.ownFacts(scope)}`);
    await run(
      client,
      sql`create temp table metric_delta on commit drop as
        with old as (delete from metric_own_fact where region_id = any(${regions}::bigint[]) returning part, region_id, year, value)
        select part, region_id, year, sum(value) as value
        from (select part, region_id, year, value from metric_fresh union all select part, region_id, year, -value from old) changes
        group by 1, 2, 3 having sum(value) <> 0`,
    );
    // A fresh temp table has no statistics: the planner would take it for a thousand rows and hash the
    // whole region tree to walk up from them (~12 ms twice per refresh at national scale).
    await client.query('analyze metric_delta');
    await client.query('insert into metric_own_fact (part, region_id, year, value) select part, region_id, year, value from metric_fresh');
    await run(
      client,
      sql`insert into metric_rollup (region_id, year, vals)
        with recursive ${ancestors(sql`select distinct region_id from metric_delta`)},
        up as (select a.ancestor_id as region_id, d.year, d.part as slot, sum(d.value) as value
               from metric_delta d join anc a on a.region_id = d.region_id group by 1, 2, 3)
        ${pivot('up', this.parts.length)}
        on conflict (region_id, year) do update set vals = (
          select array_agg(coalesce(a, 0) + coalesce(b, 0) order by n)
          from unnest(metric_rollup.vals, excluded.vals) with ordinality as t(a, b, n))`,
    );
    await run(
      client,
      sql`insert into metric_value (year, region_id, mvals, mtext)
        with recursive ${ancestors(sql`select distinct region_id from metric_delta`)}
        select year, region_id, v, ${asText('v')} from (
          select f.year, f.region_id, ${this.metricValues('f.fvals')} as v from metric_rollup f
          where f.region_id in (select ancestor_id from anc) and f.year in (select distinct year from metric_delta)) f
        on conflict (year, region_id) do update set mvals = excluded.mvals, mtext = excluded.mtext`,
    );
  }
}
