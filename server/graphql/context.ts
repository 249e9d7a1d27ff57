/** Per-request context: a forked EntityManager (never the global one), the language and the request id. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from './language.js';

export type Context = {
  em: EntityManager;
  language: Language;
  requestId: string;
};
