import { Migration } from '@mikro-orm/migrations';

/**
 * The grams a pinyin column is indexed by (server/db/search-indexes.ts, server/api/text-search.ts `pinyinMayContain`):
 * its unigrams and bigrams, as every searched text's (the search_grams migration), and its trigrams. Pinyin is 26
 * letters: a bigram names too many rows to tell a query by — `jjj` asked the index for the 48,000 names holding `jj`
 * nationally, 1,300 of which contain `jjj`, each read to be sure (125 ms) — where a trigram of a name's pinyin is held
 * by a few percent of names at most (the commonest, ang, by 20 %). Lower-cased as `crc_search_grams` lowers.
 */
export class Migration20261214170000_pinyin_trigrams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function crc_search_pinyin_grams(value text) returns text[] language sql immutable strict parallel safe
      begin atomic
        select coalesce(array_agg(distinct substr(lowered, position, size)), '{}')
        from lower(value) as lowered, generate_series(1, length(lowered)) as position, (values (1), (2), (3)) as sizes(size);
      end;`);
    this.addSql(`grant execute on function crc_search_pinyin_grams(text) to crc_app;`);
  }

  override async down(): Promise<void> {
    // The derived pinyin indexes depend on the function: they go with it (and come back at the next migrate).
    this.addSql(`drop function if exists crc_search_pinyin_grams(text) cascade;`);
  }
}
