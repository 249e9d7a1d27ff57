/**
 * The invariant the search zones' skipping rests on (server/db/search-zones.ts), as a query: the live rows' grams
 * that their zone does not hold — none, if a zone skipped holds no match.
 */
import { rowGramsSql, zoneOfSql, type ZonedOrder } from '../../server/db/search-zones.js';

/** A select of one column, `missing`: how many of `zoned`'s live rows' grams their zone lacks. */
export function missingGramsSql(zoned: ZonedOrder): string {
  return `select count(*)::int as missing from "${zoned.model.table}" t cross join lateral unnest(${rowGramsSql(zoned, 't')}) g(gram)
    where t.deleted_at is null and not exists (select 1 from "${zoned.grams}" z where z.gram = g.gram and z.zone = ${zoneOfSql(zoned, 't')})`;
}
