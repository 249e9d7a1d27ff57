/**
 * The plain-row reading path: a pg pool whose parsers keep `date` as the 'YYYY-MM-DD' string (pg would
 * make it a local-midnight Date, a day off across zones), numeric and bigint as exact strings.
 * Lists and relations read through it without hydrating entities; writes go through the ORM.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type { Sql } from '../sql/sql.js';

const DATE_OID = 1082;
/**
 * Prepared statements, per connection: at most this many, each of at most this much text. A statement's
 * plan stays in its backend's memory for the connection's life; past these bounds statements run unnamed
 * (planned each time), so no client can grow a backend by sending ever-different filters.
 */
const maxPreparedStatements = 200;
const maxPreparedText = 16_384;
/** How long after its statement timeout the client stops waiting for an answer (a stalled database). */
export const clientGraceMs = 2_000;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Sees a statement's text and its bound values (a test re-plans it with `explain`). */
export type QueryListener = (text: string, values: readonly unknown[]) => void;

/**
 * Where a request's reads run: a pool (each statement on any free connection), or the one connection of an
 * operation's transaction (a mutation's answer reads what the operation wrote, before it commits).
 */
export type Rows = {
  rows<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  /** `work` on one connection; `inTransaction`: it is the operation's, already in a transaction with its actor set. */
  withClient<T>(work: (client: pg.ClientBase, inTransaction: boolean) => Promise<T>): Promise<T>;
};

/** The reads of an operation's transaction, on its one connection (pg placeholders, as the pools take them). */
export class TransactionRows implements Rows {
  /** `observer`: the pool whose listeners see these statements too (the request's own reads, wherever they run). */
  constructor(
    private readonly client: pg.ClientBase,
    private readonly observer?: ReadPool,
  ) {}

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    const { text, values } = query.compile();
    this.observer?.observe(text, values);
    return (await this.client.query(text, values)).rows as T[];
  }

  withClient<T>(work: (client: pg.ClientBase, inTransaction: boolean) => Promise<T>): Promise<T> {
    return work(this.client, true);
  }
}

function isLoopback(connectionString: string): boolean {
  const host = new URL(connectionString).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/**
 * Gives the backend process of a connection the lowest CPU priority (nice 19), when PostgreSQL runs on this
 * machine and the operating system lets us (as the embedded cluster does): heavy reads then take only the CPU
 * staff's reads leave, instead of half of a two-core machine. Elsewhere (another host, no permission) a no-op.
 */
function lowerPriority(client: pg.PoolClient): void {
  // The backend's pid came with the connection (BackendKeyData): no query here, where one would run beside the
  // statement the pool hands this client to next (pg queues it, deprecated; pg 9 refuses it), and would leave the
  // first heavy read running before its backend is lowered.
  const pid = (client as pg.PoolClient & { processID: number | null }).processID;
  try {
    if (pid) os.setPriority(pid, 19);
  } catch {
    // not ours to lower (another user's process without the permission): the read runs at normal priority
  }
}

/**
 * Memory a read's sort or bitmap may take before spilling: enough that a search's bitmap of candidates stays exact.
 * One entry per heap page — the 130,000 pages of the national persons make about 8 MB — and at PostgreSQL's 4 MB it
 * turned lossy: every row of a lossy page is rechecked, its grams computed (10 µs), and `q: "gj"` (209,000
 * candidates) took 3.8 s where an exact bitmap reads its 10,000 found in 40 ms.
 */
const readWorkMem = '16MB';

export class ReadPool implements Rows {
  readonly pool: pg.Pool;
  private readonly listeners = new Set<QueryListener>();

  /**
   * `statementTimeoutMs`: PostgreSQL cancels a statement running longer (0: never), so one heavy query
   * cannot hold a connection for ever; and the client gives up 2 s after that, so a database that stopped
   * answering (stalled, not closed) cannot hold a request either (`graceMs`). `waitMs`: the longest wait for
   * a connection (a busy pool, a database not accepting). `name` tells the pools apart in pg_stat_activity.
   */
  constructor(connectionString: string, options: { max?: number; statementTimeoutMs?: number; waitMs?: number; graceMs?: number; name?: string; lowPriority?: boolean } = {}) {
    const statementTimeout = options.statementTimeoutMs ?? 0;
    const grace = options.graceMs ?? clientGraceMs;
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      types,
      connectionTimeoutMillis: options.waitMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: options.name ?? 'crc-read',
      statement_timeout: statementTimeout,
      ...(statementTimeout > 0 ? { query_timeout: statementTimeout + grace } : {}),
      // A low-priority backend must not hand its scan to parallel workers, which would run at full priority.
      options: `-c work_mem=${readWorkMem}${options.lowPriority ? ' -c max_parallel_workers_per_gather=0' : ''}`,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.pool.on('error', () => undefined);
    if (options.lowPriority && isLoopback(connectionString)) this.pool.on('connect', (client) => lowerPriority(client));
  }

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    const { text, values } = query.compile();
    this.observe(text, values);
    const result = await this.pool.query({ name: this.statementName(text), text, values });
    return result.rows as T[];
  }

  private readonly names = new Map<string, string>();

  /**
   * Statements are prepared once per connection and planned from then on by PostgreSQL's plan cache: a
   * nested query's planning costs more than its execution. Bounded in number and size (above).
   */
  private statementName(text: string): string | undefined {
    let name = this.names.get(text);
    if (!name && this.names.size < maxPreparedStatements && text.length <= maxPreparedText) {
      name = `crc_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }

  async withClient<T>(work: (client: pg.ClientBase, inTransaction: boolean) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client, false);
    } finally {
      client.release();
    }
  }

  /** Tells the listeners of a statement (this pool's own, or one a request's transaction runs for it). */
  observe(text: string, values: readonly unknown[]): void {
    for (const listener of this.listeners) listener(text, values);
  }

  /** Observes every statement (tests count them; nothing else should depend on this). */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
