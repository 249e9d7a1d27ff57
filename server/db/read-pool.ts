/**
 * The plain-row reading path: a pg pool whose parsers keep `date` as the 'YYYY-MM-DD' string (pg would
 * make it a local-midnight Date, a day off across zones), numeric and bigint as exact strings.
 * Lists and relations read through it without hydrating entities; writes go through the ORM.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import type { Sql } from '../sql/sql.js';

const DATE_OID = 1082;
const maxPreparedStatements = 2000;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export type QueryListener = (text: string) => void;

export class ReadPool {
  readonly pool: pg.Pool;
  private readonly listeners = new Set<QueryListener>();

  /**
   * `statementTimeoutMs`: PostgreSQL cancels a statement running longer (0: never), so one heavy query
   * cannot hold a connection for ever; `name` tells the pools apart in pg_stat_activity.
   */
  constructor(connectionString: string, options: { max?: number; statementTimeoutMs?: number; name?: string } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      types,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: options.name ?? 'crc-read',
      statement_timeout: options.statementTimeoutMs ?? 0,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    const { text, values } = query.compile();
    for (const listener of this.listeners) listener(text);
    const result = await this.pool.query({ name: this.statementName(text), text, values });
    return result.rows as T[];
  }

  private readonly names = new Map<string, string>();

  /**
   * Statements are prepared once per connection and planned from then on by PostgreSQL's plan cache: a
   * nested query's planning costs more than its execution. Bounded, so ad-hoc queries cannot make each
   * connection hold an ever-growing set; past the bound, statements run unnamed.
   */
  private statementName(text: string): string | undefined {
    let name = this.names.get(text);
    if (!name && this.names.size < maxPreparedStatements) {
      name = `crc_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
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
