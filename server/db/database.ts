/**
 * The server's database: the embedded cluster when no DATABASE_URL is given, migrations as the owner,
 * then the MikroORM instance the app role uses. An unreachable database is retried with backoff while
 * the HTTP server stays up (and /readyz answers 503), never a crash.
 */
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { log } from '../log.js';
import type { Config } from '../config.js';
import type { Constructor } from '../../schema/model/registry.js';
import { EmbeddedCluster } from './embedded-cluster.js';
import { embeddedArchiveSettings } from '../backup/wal-archive.js';
import { startBackupSchedule } from '../backup/backup-schedule.js';
import { clientGraceMs, ReadPool } from './read-pool.js';
import { Sessions } from '../access/sessions.js';
import { RateLimits } from '../access/rate-limits.js';
import { startAnchoring } from '../audit/anchors.js';
import { startDeadlineScans } from '../jobs/deadline-schedule.js';
import { metricCatalog } from '../metrics/catalog.js';
import { MetricFacts } from '../metrics/facts.js';
import { migrate, pendingMigrations } from './migrate.js';
import { ormOptions } from './orm.config.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName, rolePasswords } from './roles.js';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Sessions, rate limits and readiness: tiny statements, answered within this (the client waits 0.5 s more). */
const controlTimeoutMs = 1_000;

/** "db.example:5432" from a connection string, without credentials, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

/** The cause of a connection failure in a few words (ECONNREFUSED, ENOTFOUND, bad password …). */
export function describeError(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code;
  return [code, e.message && e.message !== code ? e.message : undefined].filter(Boolean).join(': ') || String(error);
}

export class Database {
  orm: MikroORM | undefined;
  /**
   * The pools, one per kind of work, so that no kind waits behind another (writes go through the ORM's own):
   * staff's interactive reads; heavy reads (costly queries, statistics, long filters) of leaders and
   * others; analysts' ad-hoc queries; the control pool — sessions, rate limits, readiness — with a short
   * timeout, so being let in never waits behind any query; and the sign-in pool, where guesses are counted.
   */
  readPool: ReadPool | undefined;
  heavyPool: ReadPool | undefined;
  analystPool: ReadPool | undefined;
  controlPool: ReadPool | undefined;
  signInPool: ReadPool | undefined;
  /** The metric facts, built or brought up to date in the background once connected. */
  metricFacts: MetricFacts | undefined;
  /** Sign-in sessions and the rate limits (requests, sign-in attempts), on the control pool. */
  sessions: Sessions | undefined;
  rateLimits: RateLimits | undefined;
  cluster: EmbeddedCluster | undefined;
  private appUrl: string | undefined;
  private ownerUrl: string | undefined;
  private stopping = false;
  /** Stops the periodic anchoring of the audit chain (server/audit/anchors.ts). */
  private stopAnchoring: () => Promise<void> = async () => undefined;
  /** Stops the daily deadline scan (server/jobs/), waiting for a scan under way. */
  private stopDeadlineScans: () => Promise<void> = async () => undefined;
  /** Stops the daily backup of the embedded database (server/backup/backup-schedule.ts), aborting one under way. */
  private stopBackups: () => Promise<void> = async () => undefined;
  private connecting: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  /**
   * `afterMigrate` runs as the owner once the schema is current, before the server reports ready: the
   * entry point (main.ts) hands in the demo loader, which fills a new embedded database.
   */
  constructor(
    private readonly config: Config,
    private readonly afterMigrate?: (ownerUrl: string, embedded: boolean) => Promise<void>,
    private readonly extraEntities: readonly Constructor[] = [],
  ) {}

  /** Starts the embedded cluster if configured (fatal if it cannot start), then connects in the background. */
  async start(): Promise<void> {
    if (this.config.databaseUrl) {
      this.appUrl = this.config.databaseUrl;
      this.ownerUrl = this.config.databaseOwnerUrl;
    } else {
      const cluster = await EmbeddedCluster.start(this.config.dataDir, { settings: await embeddedArchiveSettings(this.config) });
      this.cluster = cluster;
      const passwords = await rolePasswords(path.join(this.config.dataDir, 'postgres-roles.json'));
      await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
      this.appUrl = cluster.url({ user: appRoleName, password: passwords.app }, databaseName);
      this.ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
      log.info(`embedded PostgreSQL running on 127.0.0.1:${cluster.port}, data in ${path.relative(process.cwd(), cluster.baseDir) || '.'}`);
    }
    this.connecting = this.connectWithRetry();
  }

  /** Resolves once connected and migrated (or when stopping). */
  whenConnected(): Promise<void> {
    return this.connecting ?? Promise.resolve();
  }

  private async connectWithRetry(): Promise<void> {
    let delay = 250;
    while (!this.stopping) {
      try {
        if (this.ownerUrl) {
          const applied = await migrate(this.ownerUrl);
          if (applied.length) log.info(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
          await this.afterMigrate?.(this.ownerUrl, Boolean(this.cluster));
        }
        const { statementTimeoutMs } = this.config.database;
        const connection = {
          connectionTimeoutMillis: 5_000,
          application_name: 'crc-server',
          statement_timeout: statementTimeoutMs,
          // A stalled database (not closed, not answering) cannot hold a write longer than its timeout and 2 s.
          query_timeout: statementTimeoutMs + clientGraceMs,
          lock_timeout: 5_000,
          idle_in_transaction_session_timeout: 30_000,
        };
        // A full pool answers SERVICE_UNAVAILABLE after 5 s instead of queueing a request for a minute.
        const pool = { min: 0, max: 10, idleTimeoutMillis: 30_000, acquireTimeoutMillis: 5_000 };
        this.orm = await MikroORM.init(ormOptions(this.appUrl!, { logger: (message) => log.debug(message), driverOptions: { connection }, pool }, this.extraEntities));
        await this.orm.em.getConnection().execute('select 1');
        const { analystStatementTimeoutMs, analystConnections, heavyStatementTimeoutMs, heavyConnections } = this.config.database;
        this.readPool = new ReadPool(this.appUrl!, { statementTimeoutMs });
        this.heavyPool = new ReadPool(this.appUrl!, { max: heavyConnections, statementTimeoutMs: heavyStatementTimeoutMs, name: 'crc-heavy', lowPriority: true });
        // Analysts' ad-hoc queries have a pool of their own, smaller and stricter: they cannot starve staff.
        this.analystPool = new ReadPool(this.appUrl!, { max: analystConnections, statementTimeoutMs: analystStatementTimeoutMs, name: 'crc-analyst' });
        this.controlPool = new ReadPool(this.appUrl!, { max: 4, statementTimeoutMs: controlTimeoutMs, waitMs: controlTimeoutMs, graceMs: 500, name: 'crc-control' });
        this.metricFacts = new MetricFacts(metricCatalog, this.readPool.pool, this.config.metricsYears, this.config.metricsRefreshBatch);
        this.metricFacts.refreshSoon();
        this.stopAnchoring = startAnchoring(this.readPool.pool, this.config.auditAnchor, this.config.auditAnchor.minutes, (message) => log.warn(message));
        // The scan writes audited notices as a system actor, which only the owner may name.
        if (this.ownerUrl) this.stopDeadlineScans = startDeadlineScans(this.ownerUrl, this.config.deadlineScan, (message) => log.info(message));
        else log.warn('deadline scan off: it needs DATABASE_OWNER_URL');
        // External databases have their own backups (README "Backups and restore").
        if (this.cluster && this.config.backup.walArchive)
          this.stopBackups = startBackupSchedule(this.config, this.ownerUrl!, { info: (message) => log.info(message), error: (message) => log.error(message) });
        this.sessions = new Sessions(this.controlPool, { idleMinutes: this.config.sessionIdleMinutes, absoluteHours: this.config.sessionAbsoluteHours, cacheMs: this.config.sessionCacheMs });
        this.signInPool = new ReadPool(this.appUrl!, { max: 2, statementTimeoutMs: controlTimeoutMs, waitMs: controlTimeoutMs, graceMs: 500, name: 'crc-sign-in' });
        this.rateLimits = new RateLimits({ requests: this.controlPool.pool, signIn: this.signInPool.pool }, this.config.rateLimit);
        // Expired sessions never resolve; sweeping them is housekeeping, never a reason not to start.
        this.sessions.sweep().catch(() => undefined);
        log.info(`database connected at ${describeUrl(this.appUrl!)}`);
        return;
      } catch (error) {
        await this.orm?.close(true).catch(() => undefined);
        this.orm = undefined;
        log.warn(`database unreachable at ${describeUrl(this.appUrl!)} (${describeError(error)}); retrying in ${Math.round(delay / 100) / 10}s`);
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, delay).unref();
        });
        delay = Math.min(delay * 2, this.config.dbRetryMaxMs);
      }
    }
  }

  /**
   * Ready when the database answers and every committed migration is applied; asked on the control pool,
   * so a stalled or busy database gets its 503 within 2 s, never a hanging probe.
   */
  async readiness(): Promise<Readiness> {
    if (this.stopping) return { ready: false, reason: 'shutting down' };
    const control = this.controlPool;
    if (!this.orm || !control) return { ready: false, reason: 'database not connected' };
    try {
      // The migration queries are written with knex's `?` placeholders.
      const numbered = (sql: string) =>
        sql.replace(
          /\?/g,
          (
            (counter) => () =>
              `$${++counter}`
          )(0),
        );
      const pending = await pendingMigrations(async (sql, params) => (await control.pool.query(numbered(sql), params ?? [])).rows);
      return pending.length ? { ready: false, reason: `${pending.length} migration(s) pending` } : { ready: true };
    } catch (error) {
      return { ready: false, reason: `database error: ${describeError(error)}` };
    }
  }

  /** Closes the pool, then stops the embedded cluster: in this order, so no session is cut. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.connecting?.catch(() => undefined);
    await this.stopAnchoring();
    await this.stopDeadlineScans();
    await this.stopBackups();
    await this.metricFacts?.close();
    await this.orm?.close(true);
    for (const pool of [this.readPool, this.heavyPool, this.analystPool, this.controlPool, this.signInPool]) await pool?.close();
    this.orm = undefined;
    this.readPool = this.heavyPool = this.analystPool = this.controlPool = this.signInPool = undefined;
    this.sessions = undefined;
    this.rateLimits = undefined;
    log.debug('shutdown: pools closed');
    await this.cluster?.stop();
  }
}
