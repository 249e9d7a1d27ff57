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
 * without triggers and drop `metric_state`). The refresh itself is an owner function generated from the
 * catalog (server/metrics/refresher.ts): the application role asks for it, and writes none of these tables.
 */
import type pg from 'pg';
import { log } from '../log.js';
import type { Metric, Part } from './metric.js';
import { partsOf } from './catalog.js';
import { catalogSignature, stateSignature } from './refresher.js';

type Queryable = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }> };

/**
 * Marks the facts for a full rebuild: for loads that bypass the triggers (bulk COPY with triggers off,
 * truncation). The next refresh rebuilds everything.
 */
export async function invalidateMetricFacts(client: Queryable): Promise<void> {
  await client.query('delete from metric_state');
}

export type FactsRange = { firstYear: number; lastYear: number };

export type RefreshOutcome = { rebuilt: boolean; regions: number; ms: number };

export class MetricFacts {
  readonly parts: Part[];
  private readonly catalog: string;
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
    this.catalog = catalogSignature(metrics);
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

  /** What the facts are built from: the catalog (server/metrics/refresher.ts) and the years. */
  signature(): string {
    const { firstYear, lastYear } = this.range();
    return stateSignature(this.catalog, firstYear, lastYear);
  }

  /** True when a comparison may read the facts as they are: built from this catalog, nothing pending. */
  async current(client: Queryable = this.pool): Promise<boolean> {
    const { rows } = await client.query(`select exists (select 1 from metric_state where signature = $1) and not exists (select 1 from metric_dirty) as current`, [this.signature()]);
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
    const { firstYear, lastYear } = this.range();
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A full rebuild at national scale takes minutes: the per-request statement timeout is not for it.
      await client.query(`set local statement_timeout = 0`);
      const { rows } = await client.query(`select crc_metric_refresh($1, $2, $3) as outcome`, [this.catalog, firstYear, lastYear]);
      await client.query('commit');
      const { rebuilt, regions } = rows[0].outcome as { rebuilt: boolean; regions: number };
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
}
