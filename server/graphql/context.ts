/** Per-request context: a forked EntityManager (never the global one), fresh loaders, the metric facts, the user's access, the language and request id. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadPool, Rows } from '../db/read-pool.js';
import type { Reader } from '../api/reader.js';
import type { Writer } from '../api/writer.js';
import type { MetricFacts } from '../metrics/facts.js';
import type { Language } from './language.js';
import type { Access } from '../access/access.js';
import type { Passwords } from '../access/passwords.js';
import type { Sessions } from '../access/sessions.js';
import type { ImportJobs } from '../import/import-jobs.js';
import type { Sql } from '../sql/sql.js';

/** A statement that failed, and how. */
export type FailedRead = { statement: Sql; error: unknown };

export type Context = {
  em: EntityManager;
  /**
   * Where this operation reads: `pools.interactive` until its cost makes it heavy (limits.ts); in a mutation
   * operation, its transaction (operation-transaction.ts).
   */
  readPool: Rows;
  pools: { interactive: ReadPool; heavy: ReadPool };
  reader: Reader;
  writer: Writer;
  /** The metric facts behind `compareRegions` (one per server). */
  metrics: MetricFacts;
  language: Language;
  requestId: string;
  /** The signed-in user and what they may read and write (every GraphQL request has one). */
  access: Access;
  passwords: Passwords;
  /** The sessions (a new password forgets what this process remembers of the user's at once). */
  sessions: Sessions;
  /** Counts one heavy operation of this user; the seconds to wait when they are over their limit, else 0. */
  admitHeavy: () => Promise<number>;
  /** The background imports (importJob, commitImport …). */
  imports: ImportJobs;
  /**
   * A record read's statement that already failed on the known documents' fast path (server/http/known-documents.ts):
   * the record response plugin answers its error as it would its own, rather than wait on a stalled database twice.
   */
  failedRead?: FailedRead;
  /** Set when a mutation operation failed and was rolled back: its errors say nothing was saved ('said': in words too). */
  nothingSaved?: 'said' | 'marked';
};
