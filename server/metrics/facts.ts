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
 *
 * The facts and `metric_state` are unlogged tables (derived: no WAL): a crash empties them together, and the
 * facts, read as not built, are rebuilt.
 *
 * Everything is rebuilt when the catalog or the year range changes, when the region tree changed (a mark
 * with no region) and after bulk loads (which run without triggers and drop `metric_state`). A rebuild
 * (a minute nationally) never makes a comparison wait: it fills tables of its own while the current facts
 * serve — kept fresh by refreshes meanwhile — and swaps them in when complete. Facts of an earlier catalog
 * (after an upgrade) serve, and are kept fresh, for the metrics and parts whose signatures it shares with this
 * one (FactsLayout); the others are computed from the records until the rebuild completes, and so is everything
 * where no usable facts exist. Both are owner functions generated from the catalog
 * (server/metrics/refresher.ts): the application role asks for them, and writes none of these tables.
 */
import pg from 'pg';
import { log } from '../log.js';
import type { Metric, Part } from './metric.js';
import { partsOf } from './catalog.js';
import { MedianCache } from './median-cache.js';
import { catalogSignature, metricSignature, partSignature } from './refresher.js';

type Queryable = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }> };

/**
 * Marks the facts for a full rebuild: for loads that bypass the triggers (bulk COPY with triggers off,
 * truncation). The next refresh rebuilds everything.
 */
export async function invalidateMetricFacts(client: Queryable): Promise<void> {
  await client.query('delete from metric_state');
}

export type FactsRange = { firstYear: number; lastYear: number };

/**
 * Where the stored facts keep each metric of the catalog (1-based position in `metric_value`'s arrays) and
 * each part (slot in `metric_rollup.vals`), null for one they do not hold. Facts of this catalog hold all in
 * catalog order; facts of an earlier catalog (until the rebuild after an upgrade completes) hold the metrics and
 * parts whose signatures it shares with this one, wherever that catalog put them. `signature` names the stored
 * facts: a comparison checks in its own statement that it read those (a rebuild may swap in others meanwhile).
 */
export type FactsLayout = { signature: string; positions: readonly (number | null)[]; slots: readonly (number | null)[]; width: number };

/** The facts a comparison may read: their years and layout. */
export type ReadableFacts = FactsRange & { layout: FactsLayout };

export type RefreshOutcome = { regions: number; ms: number };
export type RebuildOutcome = { rebuilt: boolean; ms: number };

/** What the facts in the database were built from, and what waits for them. */
type FactsState = {
  catalog: string | null;
  firstYear: number | null;
  lastYear: number | null;
  marked: boolean;
  treeChanged: boolean;
  /** Only of facts of another catalog: what their parts and metrics are made of, in stored order. */
  partSignatures: string[] | null;
  metricSignatures: string[] | null;
};

export class MetricFacts {
  readonly parts: Part[];
  private readonly catalog: string;
  private readonly ownLayout: FactsLayout;
  private readonly partSignatures: string[];
  private readonly metricSignatures: string[];
  /** The medians of recent comparisons of these facts (comparison.ts). */
  readonly medians = new MedianCache();
  /** The layout of the last facts of another catalog seen (the same until their rebuild completes). */
  private otherLayout: FactsLayout | undefined;
  private running: Promise<RefreshOutcome> | undefined;
  private queued: Promise<RefreshOutcome> | undefined;
  private rebuilding: Promise<RebuildOutcome> | undefined;
  /** The backend building the facts, to be cancelled when the server stops (a national rebuild takes a minute). */
  private rebuildBackend: number | undefined;
  private closed = false;

  constructor(
    readonly metrics: readonly Metric[],
    private readonly pool: pg.Pool,
    private readonly years: number,
    private readonly today: () => Date = () => new Date(),
  ) {
    this.parts = partsOf(metrics);
    this.catalog = catalogSignature(metrics);
    this.partSignatures = this.parts.map(partSignature);
    this.metricSignatures = metrics.map(metricSignature);
    this.ownLayout = { signature: this.catalog, positions: metrics.map((_, index) => index + 1), slots: this.parts.map((_, index) => index + 1), width: metrics.length };
  }

  /** The layout of facts of another catalog, from what their parts and metrics are made of; null when they do not say. */
  private layoutOf(state: FactsState): FactsLayout | null {
    if (!state.catalog || !state.partSignatures || !state.metricSignatures) return null;
    if (this.otherLayout?.signature === state.catalog) return this.otherLayout;
    const at = (stored: readonly string[], signature: string) => (stored.includes(signature) ? stored.indexOf(signature) + 1 : null);
    this.otherLayout = {
      signature: state.catalog,
      positions: this.metricSignatures.map((signature) => at(state.metricSignatures!, signature)),
      slots: this.partSignatures.map((signature) => at(state.partSignatures!, signature)),
      width: state.metricSignatures.length,
    };
    return this.otherLayout;
  }

  /** The years the facts should hold: the last `years` calendar years up to the current one. */
  range(): FactsRange {
    const lastYear = this.today().getFullYear();
    return { firstYear: lastYear - this.years + 1, lastYear };
  }

  /** Slot (1-based) of each part in a rollup row. */
  slotOf(part: Part): number {
    return this.parts.indexOf(part) + 1;
  }

  private async state(client: Queryable = this.pool): Promise<FactsState> {
    const { rows } = await client.query(
      `select s.signature as catalog, s.first_year as "firstYear", s.last_year as "lastYear",
        exists (select 1 from metric_dirty where region_id is not null) as marked, exists (select 1 from metric_dirty where region_id is null) as "treeChanged",
        case when s.signature <> $1 then s.part_signatures end as "partSignatures", case when s.signature <> $1 then s.metric_signatures end as "metricSignatures"
      from (select 1) one left join metric_state s on true`,
      [this.catalog],
    );
    return rows[0];
  }

  /**
   * The years and layout of the facts a comparison may read now, or null when there are none it can use (the
   * comparison then reads the records). Writes marked before the call are in them when it resolves; facts
   * built from other years, an older region tree or another catalog are rebuilt in the background and serve
   * until then — another catalog's for the metrics and parts it shares with this one.
   */
  async readable(): Promise<ReadableFacts | null> {
    const state = await this.state();
    const wanted = this.range();
    if (state.catalog !== this.catalog || state.treeChanged || state.firstYear !== wanted.firstYear || state.lastYear !== wanted.lastYear) this.rebuildSoon();
    const layout = state.catalog === this.catalog ? this.ownLayout : this.layoutOf(state);
    if (!layout) return null;
    if (state.marked) await this.refresh();
    return { firstYear: state.firstYear!, lastYear: state.lastYear!, layout };
  }

  /**
   * Brings the facts up to date with everything committed before the call. A run under way may have
   * taken its marks before the caller's write committed, so callers meanwhile share one more run after it.
   */
  refresh(): Promise<RefreshOutcome> {
    if (this.closed) return Promise.resolve({ regions: 0, ms: 0 });
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

  /** Resolves once no refresh or rebuild is running or queued. */
  async settled(): Promise<void> {
    while (this.running || this.queued || this.rebuilding) await (this.queued ?? this.running ?? this.rebuilding)!.catch(() => undefined);
  }

  /** Starts no further refresh, cancels a rebuild under way (the next start begins it again) and waits for both. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.rebuildBackend !== undefined) await this.pool.query('select pg_cancel_backend($1)', [this.rebuildBackend]).catch(() => undefined);
    await this.settled();
  }

  /** Refreshes in the background (after a mutation, at start): failures are logged, the next refresh retries. */
  refreshSoon(): void {
    void this.refresh().catch((error) => log.warn(`metric refresh failed: ${(error as Error).message}`));
  }

  /** Rebuilds every fact in the background, unless this process or another is at it already. */
  rebuildSoon(): void {
    if (this.rebuilding || this.closed) return;
    this.rebuilding = this.rebuildOnce()
      .catch((error) => {
        if (!this.closed) log.error(`metric facts rebuild failed: ${(error as Error).message}`);
        return { rebuilt: false, ms: 0 };
      })
      .finally(() => {
        this.rebuilding = undefined;
      });
  }

  /** Waits for a rebuild this process has under way (tests and benchmarks). */
  async rebuilt(): Promise<void> {
    await this.rebuilding;
  }

  private async refreshOnce(): Promise<RefreshOutcome> {
    const started = performance.now();
    const { rows } = await this.pool.query(`select crc_metric_refresh($1) as outcome`, [this.catalog]);
    const { rebuild, regions } = rows[0].outcome as { rebuild: boolean; regions: number };
    if (rebuild) this.rebuildSoon();
    return { regions, ms: performance.now() - started };
  }

  private async rebuildOnce(): Promise<RebuildOutcome> {
    const started = performance.now();
    const { firstYear, lastYear } = this.range();
    // A connection of its own, like the pool's but without the request timeouts: a rebuild at national scale
    // takes a minute, and the pool's client-side timeout would drop the connection (and the build) midway.
    const client = new pg.Client({ ...this.pool.options, statement_timeout: 0, query_timeout: undefined });
    client.on('error', () => undefined);
    await client.connect();
    try {
      this.rebuildBackend = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
      await client.query('begin');
      const { rows } = await client.query(`select crc_metric_rebuild($1, $2, $3) as outcome`, [this.catalog, firstYear, lastYear]);
      await client.query('commit');
      const { rebuilt, phases } = rows[0].outcome as { rebuilt: boolean; phases?: Record<string, number> };
      const ms = performance.now() - started;
      if (rebuilt)
        log.info(
          `metric facts rebuilt in ${Math.round(ms)} ms (${Object.entries(phases ?? {})
            .map(([phase, took]) => `${phase} ${took} ms`)
            .join(', ')})`,
        );
      return { rebuilt, ms };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      this.rebuildBackend = undefined;
      await client.end().catch(() => undefined);
    }
  }
}
