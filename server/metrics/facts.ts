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
 * reads stale facts unsaid; writes from elsewhere (plain SQL, another process) are caught by the same marks.
 *
 * A bulk change (an import, a data migration: one marked ~31,000 regions nationally) is more than a request may
 * refresh: such a refresh ran past the statement limit, was cancelled with its taking of the marks, and every
 * comparison began it again — for ever (issue 20). So a refresh takes at most `batchRegions` marked regions in its
 * transaction, and what a request cannot finish — marks left beyond its batch, or a refresh cancelled by the
 * statement timeout or a lock it waited for too long — is handed to the catch-up: batches of the same size, each
 * committed, on a connection of its own without the request limits (like a rebuild), until no mark is left;
 * cancelled when the server stops (the marks stay for the next start). One process's catch-up at a time: the
 * refresh lock orders the batches of every process. Meanwhile comparisons answer at once from the facts as they
 * are, flagged `catchingUp`, without a refresh of their own. Too big is thus what a request could not finish: a
 * full batch with marks still waiting (read in the batch's own statement, cheap at any backlog), or a refresh the
 * database cancelled (SQLSTATE 57014, or 55P03 for the lock) — whatever made it slow.
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
import { BackgroundConnections } from './background-connections.js';
import { catalogSignature, metricSignature, partSignature } from './refresher.js';

type Queryable = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }> };

/** What `crc_metric_refresh` answers (server/metrics/refresher.ts). */
type RefreshBatch = { rebuild: boolean; regions: number; more: boolean };

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

/** The facts a comparison may read: their years and layout, and whether they are catching up with a bulk change. */
export type ReadableFacts = FactsRange & { layout: FactsLayout; catchingUp: boolean };

/** PostgreSQL's code for a statement cancelled by its time limit (or by a cancel request). */
export const statementTimedOut = '57014';
/** PostgreSQL's code for a lock not granted within the connection's lock timeout. */
const lockNotGranted = '55P03';

/** `catchingUp`: marks were left to the catch-up, whose facts a comparison reads as they are until it ends. */
export type RefreshOutcome = { regions: number; ms: number; catchingUp: boolean };
/** A catch-up's work: the regions it brought up to date, in how many batches (each its own transaction). */
export type CatchUpOutcome = { regions: number; batches: number; ms: number };
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
  private catchingUp: Promise<void> | undefined;
  /** What the last catch-up of this process did (logged; tests read its batches). */
  lastCatchUp: CatchUpOutcome | undefined;
  /** Where a rebuild and a catch-up run: without the request limits, cancelled when the server stops. */
  private readonly background: BackgroundConnections;
  private closed = false;

  /** `batchRegions`: at most how many marked regions one refresh takes (config `metricsRefreshBatch`). */
  constructor(
    readonly metrics: readonly Metric[],
    private readonly pool: pg.Pool,
    private readonly years: number,
    private readonly batchRegions: number,
    private readonly today: () => Date = () => new Date(),
  ) {
    this.parts = partsOf(metrics);
    this.catalog = catalogSignature(metrics);
    this.partSignatures = this.parts.map(partSignature);
    this.metricSignatures = metrics.map(metricSignature);
    this.background = new BackgroundConnections(pool);
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
   * comparison then reads the records). Writes marked before the call are in them when it resolves, unless
   * they are more than a request may refresh: then the catch-up takes them and the facts answer as they are,
   * `catchingUp`, until it ends. Facts built from other years, an older region tree or another catalog are
   * rebuilt in the background and serve until then — another catalog's for the metrics and parts it shares
   * with this one.
   */
  async readable(): Promise<ReadableFacts | null> {
    const state = await this.state();
    const wanted = this.range();
    if (state.catalog !== this.catalog || state.treeChanged || state.firstYear !== wanted.firstYear || state.lastYear !== wanted.lastYear) this.rebuildSoon();
    const layout = state.catalog === this.catalog ? this.ownLayout : this.layoutOf(state);
    if (!layout) return null;
    // During a catch-up the marks are its to take: no request waits for them, or for the refresh lock its batches hold.
    const catchingUp = this.catchingUp !== undefined || (state.marked && (await this.refresh()).catchingUp);
    return { firstYear: state.firstYear!, lastYear: state.lastYear!, layout, catchingUp };
  }

  /**
   * Brings the facts up to date with everything committed before the call. A run under way may have
   * taken its marks before the caller's write committed, so callers meanwhile share one more run after it.
   */
  refresh(): Promise<RefreshOutcome> {
    if (this.closed) return Promise.resolve({ regions: 0, ms: 0, catchingUp: false });
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

  /** Resolves once no refresh, catch-up or rebuild is running or queued. */
  async settled(): Promise<void> {
    while (this.running || this.queued || this.rebuilding || this.catchingUp) await (this.queued ?? this.running ?? this.rebuilding ?? this.catchingUp)!.catch(() => undefined);
  }

  /**
   * Starts no further refresh, cancels a rebuild or catch-up under way (the next start begins it again: a catch-up's
   * batch under way rolls back, its marks kept) and waits for them.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.background.close();
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

  /** Takes the marks a request could not, in the background (refreshOnce), unless this process is at it already. */
  private catchUpSoon(): void {
    if (this.catchingUp || this.closed) return;
    this.catchingUp = this.catchUpOnce()
      .then((outcome) => {
        this.lastCatchUp = outcome;
        log.info(`metric facts caught up with ${outcome.regions} region(s) in ${outcome.batches} batch(es), ${Math.round(outcome.ms)} ms`);
      })
      // The marks left stay: the next comparison finds them and hands them to a catch-up again.
      .catch((error) => {
        if (!this.closed) log.error(`metric facts catch-up failed: ${(error as Error).message}`);
      })
      .finally(() => {
        this.catchingUp = undefined;
      });
  }

  /** One refresh of at most `batchRegions` marked regions, on the pool (a request's limits) or a connection of its own. */
  private async refreshBatch(client: Queryable): Promise<RefreshBatch> {
    const { rows } = await client.query(`select crc_metric_refresh($1, $2) as outcome`, [this.catalog, this.batchRegions]);
    const outcome = rows[0].outcome as RefreshBatch;
    if (outcome.rebuild) this.rebuildSoon();
    return outcome;
  }

  /** A refresh within a request's limits: what it leaves — beyond its batch, or all when cancelled — goes to the catch-up. */
  private async refreshOnce(): Promise<RefreshOutcome> {
    // Under way: its next batch takes the marks of the caller's write with the others.
    if (this.catchingUp) return { regions: 0, ms: 0, catchingUp: true };
    const started = performance.now();
    try {
      const { regions, more } = await this.refreshBatch(this.pool);
      if (more) this.catchUpSoon();
      return { regions, ms: performance.now() - started, catchingUp: more };
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Too long for a request (its statement limit), or waiting too long for the refresh lock: the cancelled
      // transaction took no mark, and the catch-up, without those limits, takes them all.
      if (code !== statementTimedOut && code !== lockNotGranted) throw error;
      this.catchUpSoon();
      return { regions: 0, ms: performance.now() - started, catchingUp: true };
    }
  }

  /** Batches until no mark is left (or the server stops), each committed on its own: every one is progress. */
  private catchUpOnce(): Promise<CatchUpOutcome> {
    const started = performance.now();
    // No lock timeout either: a batch may wait for another process's batch, or a rebuild's swap, to end.
    return this.background.run({ lock_timeout: 0, application_name: 'crc-metrics-catch-up' }, async (client) => {
      let regions = 0;
      let batches = 0;
      for (let more = true; more && !this.closed; batches++) {
        const batch = await this.refreshBatch(client);
        regions += batch.regions;
        more = batch.more;
      }
      return { regions, batches, ms: performance.now() - started };
    });
  }

  private async rebuildOnce(): Promise<RebuildOutcome> {
    const started = performance.now();
    const { firstYear, lastYear } = this.range();
    return this.background.run({ application_name: 'crc-metrics-rebuild' }, async (client) => {
      try {
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
      }
    });
  }
}
