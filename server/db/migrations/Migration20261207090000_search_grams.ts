import { Migration } from '@mikro-orm/migrations';

/**
 * The grams the text search `q` is indexed by (server/db/search-indexes.ts, server/api/text-search.ts). Most
 * searched text is Chinese and short — a name of two characters (丁波), a query of one — which pg_trgm cannot
 * serve (a two-character `%丁波%` holds no complete trigram, and in the C locale it splits words at CJK
 * characters). So a text is indexed by every substring of one and two characters, lower-cased as `ilike`
 * lowers it: any text containing the query contains the query's bigrams (or its one character), and the
 * `ilike` that follows decides exactly. SQL-standard bodies: parsed once, bound to pg_catalog's functions,
 * whatever the caller's search_path; immutable, as an index expression must be.
 */
export class Migration20261207090000_search_grams extends Migration {
  override async up(): Promise<void> {
    // What an index holds of a text: its distinct lower-cased unigrams and bigrams.
    this.addSql(`create function crc_search_grams(value text) returns text[] language sql immutable strict parallel safe
      begin atomic
        select coalesce(array_agg(distinct substr(lowered, position, size)), '{}')
        from lower(value) as lowered, generate_series(1, length(lowered)) as position, (values (1), (2)) as sizes(size);
      end;`);
    // What a query asks the index for: its one character, or only its bigrams (its unigrams add nothing).
    this.addSql(`create function crc_search_keys(query text) returns text[] language sql immutable strict parallel safe
      begin atomic
        select case when length(lowered) = 1 then array[lowered]
          else coalesce((select array_agg(distinct substr(lowered, position, 2)) from generate_series(1, length(lowered) - 1) as position), '{}') end
        from lower(query) as lowered;
      end;`);
    this.addSql(`grant execute on function crc_search_grams(text), crc_search_keys(text) to crc_app;`);
  }

  override async down(): Promise<void> {
    // The derived search indexes depend on the function: they go with it (and come back at the next migrate).
    this.addSql(`drop function if exists crc_search_grams(text) cascade;`);
    this.addSql(`drop function if exists crc_search_keys(text);`);
  }
}
