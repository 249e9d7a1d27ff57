/**
 * What the search indexes answer for `q` on one text column (server/db/search-indexes.ts): the column's grams
 * contain the query's keys — its bigrams, or its one character (crc_search_keys) — which a GIN index finds
 * for a substring of any length, Chinese or not. A necessary condition only: every text containing the
 * query passes it, and the `ilike` that `q` has always been then decides (filter.builder.ts).
 */
import { raw, sql, type Sql } from '../sql/sql.js';

/** The immutable SQL function whose value the search indexes hold (created by the search_grams migration). */
export const gramsFunction = 'crc_search_grams';

/** The index expression on a column, as an index definition and a query both write it. */
export function gramsOf(column: Sql): Sql {
  return sql`${raw(gramsFunction)}(${column})`;
}

/** Rows whose `column` may contain `text` (trimmed, not empty): all that do, and a few that do not. */
export function gramsMayContain(column: Sql, text: string): Sql {
  return sql`${gramsOf(column)} @> crc_search_keys(${text})`;
}

/**
 * The pinyin forms an exact match compares whole (search-rank.ts): the first two of a pinyin column, which
 * pinyinForms (schema/shared/pinyin.ts) writes as the full pinyin and then the initials, a person's surname read
 * as a surname. An immutable expression, so that a b-tree indexes it (search-indexes.ts).
 */
export const pinyinFormPositions = [1, 2] as const;

/** The form at `position` of a pinyin column ('' when it has fewer; null for a null column). */
export function pinyinForm(column: Sql, position: (typeof pinyinFormPositions)[number]): Sql {
  return sql`split_part(${column}, ' ', ${raw(String(position))})`;
}

/** The immutable SQL function whose value a pinyin column's search index holds: its grams and its trigrams (the pinyin_trigrams migration). */
export const pinyinGramsFunction = 'crc_search_pinyin_grams';

/** The index expression on a pinyin column, as an index definition and a query both write it. */
export function pinyinGramsOf(column: Sql): Sql {
  return sql`${raw(pinyinGramsFunction)}(${column})`;
}

/**
 * Bigrams most names' pinyin hold — ng 61 %, an 47 %, in 32 %, en 21 %, ia 21 % of a sample of 20,000 names of the
 * national set; the next, ji, 18 % — whose posting lists cost a pinyin search most of its time (`dingbo`: 65 ms of
 * the index's 83, with di, gb and bo alone 3.5 ms for the same 1,015 candidates); and the trigrams most hold — ang
 * 20 %, ing 15 %, ong 14 %, ian 12 %, eng 11 % of the same sample; the next, jia, 8 %.
 */
const commonPinyinGrams = new Set(['ng', 'an', 'in', 'en', 'ia', 'ang', 'ing', 'ong', 'ian', 'eng']);

/**
 * Rows whose pinyin `column` may contain `key` (a query's pinyin key: lower-case letters): the index's grams hold the
 * key's trigrams (its bigram, its letter, when it is shorter), those most names hold left out when others remain —
 * still all that do contain it (a weaker necessary condition: the `like` that follows decides), read from far
 * shorter posting lists.
 */
export function pinyinMayContain(column: Sql, key: string): Sql {
  const size = Math.min(key.length, 3);
  const grams = [...new Set(Array.from({ length: key.length - size + 1 }, (_, index) => key.slice(index, index + size)))];
  const telling = grams.filter((gram) => !commonPinyinGrams.has(gram));
  return sql`${pinyinGramsOf(column)} @> ${telling.length ? telling : grams}::text[]`;
}
