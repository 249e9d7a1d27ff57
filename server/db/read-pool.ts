/**
 * The plain-row reading path: a pg pool whose parsers keep `date` as the 'YYYY-MM-DD' string (pg would
 * make it a local-midnight Date, a day off across zones), numeric and bigint as exact strings.
 * Lists and relations read through it without hydrating entities; writes go through the ORM.
 */
import pg from 'pg';
import type { Sql } from '../sql/sql.js';

const DATE_OID = 1082;

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

  constructor(connectionString: string, max = 10) {
    this.pool = new pg.Pool({
      connectionString,
      max,
      types,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'crc-read',
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    const { text, values } = query.compile();
    for (const listener of this.listeners) listener(text);
    const result = await this.pool.query({ text, values });
    return result.rows as T[];
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
