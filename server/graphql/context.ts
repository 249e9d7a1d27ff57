/** Per-request context: a forked EntityManager (never the global one), fresh loaders, the metric facts, the language and request id. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadPool } from '../db/read-pool.js';
import type { Reader } from '../api/reader.js';
import type { Writer } from '../api/writer.js';
import type { MetricFacts } from '../metrics/facts.js';
import type { Language } from './language.js';

export type Context = {
  em: EntityManager;
  readPool: ReadPool;
  reader: Reader;
  writer: Writer;
  /** The metric facts behind `compareRegions` (one per server). */
  metrics: MetricFacts;
  language: Language;
  requestId: string;
};
