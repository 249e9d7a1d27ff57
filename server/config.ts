/** One typed reading of the environment, with defaults that make `npm start` work on a fresh clone. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standardHashCost, type HashCost } from './access/passwords.js';
import { defaultQueryLimits, type QueryLimits } from './graphql/query-limits.js';
import { defaultSheetLimits, type SheetLimits } from './import/read-sheet.js';
import { defaultAttachmentLimits, type AttachmentLimits } from './attachments/attachment-limits.js';

/** The repository root, whether running from source (tsx) or from dist/. */
export const projectRoot = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // server/config.ts → ..; dist/server/config.js → ../..
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');
})();

export type Config = {
  /** HTTP port of the one process serving /graphql, /admin, /healthz and /readyz. */
  port: number;
  host: string;
  /** The application role's connection string; unset means: run the embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** The owner role's connection string, used only to run migrations. */
  databaseOwnerUrl: string | undefined;
  /** Where the embedded cluster and its credentials live. */
  dataDir: string;
  /** How long a SIGTERM waits for in-flight requests before cutting connections. */
  shutdownGraceMs: number;
  /** Largest pause between attempts to reach an unreachable database. */
  dbRetryMaxMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Load the demo data set into a new embedded database (DEMO_DATA=off: start empty). */
  demoData: boolean;
  /** How many calendar years (up to the current one) the metric facts hold; other years are computed from the records. */
  metricsYears: number;
  /**
   * At most how many marked regions one refresh of the metric facts takes (METRICS_REFRESH_BATCH): what a request
   * may bring up to date before its comparison; a bulk change's marks beyond it are caught up in the background,
   * this many a transaction, while comparisons answer flagged `catchingUp` (server/metrics/facts.ts).
   */
  metricsRefreshBatch: number;
  adminDist: string;
  /** A session ends after this many minutes without a request … */
  sessionIdleMinutes: number;
  /** … and this many hours after sign-in, whatever happens. */
  sessionAbsoluteHours: number;
  /** A session found live is taken as live this long without asking again (server/access/sessions.ts; at most 1 s). */
  sessionCacheMs: number;
  /** Express's `trust proxy` (TRUST_PROXY: a hop count, or addresses): only then do X-Forwarded-For and -Proto count. */
  trustProxy: number | string | false;
  /** Per-statement limits of the application's connections (README "Security and limits"). */
  database: { statementTimeoutMs: number; analystStatementTimeoutMs: number; analystConnections: number; heavyStatementTimeoutMs: number; heavyConnections: number };
  /** Origins other than the server's own that may call the API from a browser (CORS_ORIGINS). */
  corsOrigins: string[];
  /** Requests per minute per signed-in user and per IP address, heavy operations per minute per user (0: no limit). */
  rateLimit: { perUser: number; perIp: number; heavyPerUser: number };
  /** Limits on every GraphQL operation (server/graphql/limits.ts); the cost is what the workbench shows. */
  queryLimits: QueryLimits;
  /** Statistics over people publish no group with fewer rows than this that the user may not read one by one (MIN_CELL_SIZE; 0 or 1: none suppressed). */
  minCellSize: number;
  /** A search by a user bounded to a region reads the rows in reach when there are at most this many (SEARCH_REACH_LIMIT; server/api/reach-drive.ts). */
  searchReachLimit: number;
  /** What an imported file may be: its size, its data rows, and what its zip may unpack to (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_MAX_UNCOMPRESSED_BYTES). */
  importLimits: SheetLimits;
  /** How large a suggestion's attachment may be, in bytes (ATTACHMENT_MAX_BYTES; 10 MB). */
  attachmentLimits: AttachmentLimits;
  /**
   * The audit chain's anchors outside the database (server/audit/anchors.ts): the log and key paths (or the
   * key itself, AUDIT_ANCHOR_KEY), and how often the server anchors (minutes; 0: only `npm run audit:anchor`).
   */
  auditAnchor: { logPath: string; keyPath: string; key?: string; minutes: number };
  /**
   * The daily deadline scan (server/jobs/): from this hour of the day in China (DEADLINE_SCAN_HOUR, 0–23), checked
   * every DEADLINE_SCAN_CHECK_MINUTES (0: never in this process). Needs the owner connection (embedded, or DATABASE_OWNER_URL).
   */
  deadlineScan: { hour: number; checkMinutes: number };
  /**
   * Backups of the embedded cluster (server/backup/): where they go (BACKUP_DIR; put it on another disk), whether
   * the cluster archives its WAL there (WAL_ARCHIVE, on unless `off`), at most how many minutes a quiet segment
   * waits before it is archived (WAL_ARCHIVE_TIMEOUT_MINUTES; 0: only full segments), and how many daily and
   * weekly backups the retention keeps (BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY); the server's daily backup of the
   * embedded database from this hour in China (BACKUP_HOUR), checked every BACKUP_CHECK_MINUTES (0: never).
   */
  backup: { dir: string; walArchive: boolean; archiveTimeoutMinutes: number; keepDaily: number; keepWeekly: number; hour: number; checkMinutes: number };
  /** argon2id cost; never from the environment, so only tests (passing lighter values) can lower it. */
  passwordHashCost: HashCost;
};

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function logLevel(raw: string | undefined): Config['logLevel'] {
  const levels = ['debug', 'info', 'warn', 'error'] as const;
  return levels.find((level) => level === raw) ?? 'info';
}

function trustProxy(raw: string | undefined): Config['trustProxy'] {
  if (!raw || raw === 'false' || raw === '0') return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(projectRoot, env.DATA_DIR || '.data');
  return {
    port: int('PORT', 4000, env),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    dataDir,
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 25_000, env),
    dbRetryMaxMs: int('DB_RETRY_MAX_MS', 10_000, env),
    logLevel: logLevel(env.LOG_LEVEL),
    demoData: env.DEMO_DATA !== 'off',
    metricsYears: Math.max(1, int('METRICS_YEARS', 12, env)),
    metricsRefreshBatch: Math.max(1, int('METRICS_REFRESH_BATCH', 500, env)),
    adminDist: path.resolve(projectRoot, 'admin/dist'),
    sessionIdleMinutes: Math.max(1, int('SESSION_IDLE_MINUTES', 30, env)),
    sessionAbsoluteHours: Math.max(1, int('SESSION_ABSOLUTE_HOURS', 12, env)),
    sessionCacheMs: Math.min(1_000, Math.max(0, int('SESSION_CACHE_MS', 1_000, env))),
    trustProxy: trustProxy(env.TRUST_PROXY),
    database: {
      statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 15_000, env),
      analystStatementTimeoutMs: int('ANALYST_STATEMENT_TIMEOUT_MS', 5_000, env),
      analystConnections: Math.max(1, int('ANALYST_CONNECTIONS', 3, env)),
      heavyStatementTimeoutMs: int('HEAVY_STATEMENT_TIMEOUT_MS', 15_000, env),
      heavyConnections: Math.max(1, int('HEAVY_CONNECTIONS', 1, env)),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    rateLimit: { perUser: int('RATE_LIMIT_PER_USER', 1200, env), perIp: int('RATE_LIMIT_PER_IP', 3000, env), heavyPerUser: int('RATE_LIMIT_HEAVY_PER_USER', 10, env) },
    queryLimits: {
      depth: Math.max(1, int('QUERY_MAX_DEPTH', defaultQueryLimits.depth, env)),
      aliases: int('QUERY_MAX_ALIASES', defaultQueryLimits.aliases, env),
      tokens: Math.max(100, int('QUERY_MAX_TOKENS', defaultQueryLimits.tokens, env)),
      directives: int('QUERY_MAX_DIRECTIVES', defaultQueryLimits.directives, env),
      cost: Math.max(1, int('QUERY_COST_LIMIT', defaultQueryLimits.cost, env)),
      filterTerms: Math.max(1, int('QUERY_MAX_FILTER_TERMS', defaultQueryLimits.filterTerms, env)),
      heavyCost: Math.max(1, int('QUERY_HEAVY_COST', defaultQueryLimits.heavyCost, env)),
    },
    minCellSize: int('MIN_CELL_SIZE', 5, env),
    searchReachLimit: int('SEARCH_REACH_LIMIT', 20_000, env),
    importLimits: {
      maxBytes: Math.max(1, int('IMPORT_MAX_BYTES', defaultSheetLimits.maxBytes, env)),
      maxRows: Math.max(1, int('IMPORT_MAX_ROWS', defaultSheetLimits.maxRows, env)),
      maxUncompressedBytes: Math.max(1, int('IMPORT_MAX_UNCOMPRESSED_BYTES', defaultSheetLimits.maxUncompressedBytes, env)),
    },
    attachmentLimits: { maxBytes: Math.max(1, int('ATTACHMENT_MAX_BYTES', defaultAttachmentLimits.maxBytes, env)) },
    auditAnchor: {
      logPath: path.resolve(projectRoot, env.AUDIT_ANCHOR_LOG || path.join(dataDir, 'audit-anchors.log')),
      keyPath: path.resolve(projectRoot, env.AUDIT_ANCHOR_KEY_FILE || path.join(dataDir, 'audit-anchor.key')),
      key: env.AUDIT_ANCHOR_KEY || undefined,
      minutes: int('AUDIT_ANCHOR_MINUTES', 60, env),
    },
    deadlineScan: { hour: Math.min(23, int('DEADLINE_SCAN_HOUR', 1, env)), checkMinutes: int('DEADLINE_SCAN_CHECK_MINUTES', 10, env) },
    backup: {
      dir: path.resolve(projectRoot, env.BACKUP_DIR || path.join(dataDir, 'backups')),
      walArchive: env.WAL_ARCHIVE !== 'off',
      archiveTimeoutMinutes: int('WAL_ARCHIVE_TIMEOUT_MINUTES', 15, env),
      keepDaily: int('BACKUP_KEEP_DAILY', 7, env),
      keepWeekly: int('BACKUP_KEEP_WEEKLY', 4, env),
      hour: Math.min(23, int('BACKUP_HOUR', 2, env)),
      checkMinutes: int('BACKUP_CHECK_MINUTES', 10, env),
    },
    passwordHashCost: standardHashCost,
  };
}
