/**
 * Search zones: a map of where in a ranked list's default order (a person's: name by strokes, then id) a query can
 * match, so that the ranked page's other matches (search-rank.ts) skip the stretches of the order that hold none.
 *
 * Why: those matches are read by walking the default order's index, testing each row, until the page is full —
 * right when matches are spread through the order, ruinous when they cluster, which a name's pinyin does: the order
 * is by surname, and most short queries match surnames. Nationally `ze` (曾, 12 strokes, late in the order) walked
 * 2.25 million persons for its first page: 7–8 s; `s` and `su` 2–3 s (no given name of the set has an s).
 *
 * What: the order's live rows cut into zones of about `zoneSize` rows (their bounds: the first row's key, and the next
 * zone's), and for each zone every gram (a character, or two in a row) that the search fields of its rows hold,
 * lowered as the search indexes lower them (crc_search_grams). A query of one or two characters is its own key
 * (crc_search_keys), so a zone lacking it holds no match; the page walks only the zones holding it, in order, each
 * through the same index (search-rank.ts says why longer queries are read otherwise).
 *
 * Kept true by triggers on the model's table, derived at migrate time like the region prefixes': a row inserted, or
 * updated in its key, a searched column or its deletion (a restore), adds its grams to its zone (a gram already there
 * adds nothing; nothing is locked or waited for); grams of rows since changed or deleted stay (a zone
 * may then be walked in vain, never skipped wrongly). A page that reads deleted rows does not read zones. The bounds
 * change only when the zones are built again (rebuildSearchZones): at migrate time when there are none or the table
 * has outgrown them (more than twice `zoneSize` rows a zone), and after a bulk load that writes with triggers off.
 * The application reads the zones; only the owner (the triggers, security definer) writes them.
 */
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { appRoleName } from './roles.js';

/** Rows a zone holds when the zones are built: 650 zones for 2.65 million persons, each walked in a few ms. */
export const zoneSize = 4096;

/** The lowest key of the order: the first zone's lower bound (the empty text sorts first under every collation). */
const lowestId = '-9223372036854775808';

/** A model whose ranked searches read zones: its order's one text key, its zones' two tables, the columns searched. */
export type ZonedOrder = { model: ModelMeta; key: FieldMeta; zones: string; grams: string; searched: string[] };

/**
 * The zones of `model`, or null when its searches cannot read them: a list ranked by a text field found by pinyin
 * (search-rank.ts), searched by its own text columns alone (a reference's match lies in another table), in a default
 * order of one text column ascending, then id ascending (what a zone's bounds are written in).
 */
export function zonedOrder(model: ModelMeta): ZonedOrder | null {
  const sort = model.defaultSort.filter((spec) => spec.field !== 'id');
  if (sort.length !== 1 || sort[0].direction === 'DESC' || model.defaultSort.some((spec) => spec.field === 'id' && spec.direction === 'DESC')) return null;
  const key = model.fields.find((field) => field.name === sort[0].field);
  if (!key?.column || key.kind !== 'text') return null;
  const fields = model.searchFields.map((name) => model.fields.find((field) => field.name === name));
  if (!fields.some((field) => field?.pinyin) || fields.some((field) => !field?.column || (field.kind !== 'text' && field.kind !== 'longText'))) return null;
  const searched = fields.flatMap((field) => [field!.column!, ...(field!.pinyin ? [field!.pinyin.column] : [])]);
  return { model, key, zones: `${model.table}_search_zone`, grams: `${model.table}_search_zone_gram`, searched };
}

/** Every served model's zones. */
export function zonedOrders(): ZonedOrder[] {
  return servedEntities.map((entity) => zonedOrder(modelOf(entity))).filter((zoned): zoned is ZonedOrder => zoned !== null);
}

/** The tables of every model's zones: derived, rebuilt by migrate, so a logical backup leaves them out. */
export const searchZoneTables = (): string[] => zonedOrders().flatMap((zoned) => [zoned.zones, zoned.grams]);

const quoted = (name: string) => `"${name}"`;

/** The row's key under `row` as the order compares it (its collation), written for a zone's bounds to compare with. */
export function zoneKey(zoned: ZonedOrder, row: string): string {
  const column = `${row}.${quoted(zoned.key.column!)}`;
  return zoned.key.collation ? `${column} collate ${quoted(zoned.key.collation)}` : column;
}

/** The zone of the row under `row`: the last whose lower bound is not after the row's key. */
export function zoneOfSql(zoned: ZonedOrder, row: string): string {
  return `(select s.zone from ${quoted(zoned.zones)} s where (s.lo_key, s.lo_id) <= (${zoneKey(zoned, row)}, ${row}.id) order by s.lo_key desc, s.lo_id desc limit 1)`;
}

/** The grams of the row under `row`: those of each searched column, as the search indexes make them (crc_search_grams). */
export function rowGramsSql(zoned: ZonedOrder, row: string): string {
  return zoned.searched.map((column) => `coalesce(crc_search_grams(${row}.${quoted(column)}::text), '{}')`).join(' || ');
}

/**
 * Adds the grams of the rows of `rows` (a transition table) to their zones, those their zones do not hold already.
 * No unique key, and so no wait: a pair another transaction is adding meanwhile is not seen and added again (a
 * duplicate the next build drops) — where a unique key made every save of a person wait for an import's long
 * transaction that had added the same pair, until the lock timeout refused it.
 */
function addGramsSql(zoned: ZonedOrder, rows: string, where = 'true'): string {
  // Each row's zone found once (`offset 0`: flattened, it was looked up again for each of the row's grams), the pairs
  // made distinct before each is looked for: 10,000 persons nationally 5.5 s → 1.2 s.
  return `insert into ${quoted(zoned.grams)} (gram, zone)
    select p.gram, p.zone from (
      select distinct g.gram, r.zone from (select t.*, ${zoneOfSql(zoned, 't')} as zone from ${rows} t where ${where} offset 0) r cross join lateral unnest(${rowGramsSql(zoned, 'r')}) g(gram)
    ) p where not exists (select 1 from ${quoted(zoned.grams)} h where h.gram = p.gram and h.zone = p.zone)`;
}

/** The statements (idempotent) that make the zones' tables of every zoned model whose table exists, and the triggers keeping their grams. */
export function searchZoneStatements(existing: ReadonlySet<string>): string[] {
  return zonedOrders()
    .filter((zoned) => existing.has(zoned.model.table))
    .flatMap((zoned) => {
      const { model, zones, grams } = zoned;
      const collate = zoned.key.collation ? ` collate ${quoted(zoned.key.collation)}` : '';
      const fn = `crc_search_zone_${model.table}`;
      const changed = [zoned.key.column!, ...zoned.searched, 'deleted_at'].map((column) => `o.${quoted(column)} is distinct from t.${quoted(column)}`).join(' or ');
      return [
        `create table if not exists ${quoted(zones)} (zone int primary key, lo_key text${collate} not null, lo_id bigint not null, hi_key text${collate}, hi_id bigint)`,
        `create unique index if not exists ${quoted(`${zones}_bounds`)} on ${quoted(zones)} (lo_key, lo_id)`,
        `create table if not exists ${quoted(grams)} (gram text not null, zone int not null)`,
        `create index if not exists ${quoted(`${grams}_gram`)} on ${quoted(grams)} (gram, zone)`,
        `revoke all on ${quoted(zones)}, ${quoted(grams)} from ${quoted(appRoleName)}`,
        `grant select on ${quoted(zones)}, ${quoted(grams)} to ${quoted(appRoleName)}`,
        `create or replace function ${fn}() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      if tg_op = 'INSERT' then
        ${addGramsSql(zoned, 'new_rows')};
      else
        ${addGramsSql(zoned, 'new_rows', `exists (select 1 from old_rows o where o.id = t.id and (${changed}))`)};
      end if;
      return null;
    end $$`,
        `create or replace trigger ${fn}_insert after insert on ${quoted(model.table)} referencing new table as new_rows for each statement execute function ${fn}()`,
        `create or replace trigger ${fn}_update after update on ${quoted(model.table)} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`,
      ];
    });
}

/** Runs one statement and returns its rows. */
export type RunSql = (statement: string) => Promise<Record<string, unknown>[]>;

/**
 * Builds `zoned`'s zones again from its live rows: bounds every `size` rows of the order, each row's grams in its zone
 * (numbered as the bounds are, in one pass of the order's index; the pairs made distinct by hashing, with the memory
 * for it). Runs in the caller's transaction, which should hold the table against writes (rows written meanwhile would
 * add their grams to zones about to be replaced): rebuildAllSearchZones takes that lock.
 */
export async function rebuildSearchZones(run: RunSql, zoned: ZonedOrder, size = zoneSize): Promise<void> {
  const { model, zones } = zoned;
  const key = zoneKey(zoned, 't');
  const numbered = `(select t.*, ${key} as k, (row_number() over (order by ${key}, t.id) - 1) / ${size} as zone from ${quoted(model.table)} t where t.deleted_at is null)`;
  await run(`set local work_mem = '256MB'`);
  await run(`delete from ${quoted(zoned.grams)}`);
  await run(`delete from ${quoted(zones)}`);
  await run(`insert into ${quoted(zones)} (zone, lo_key, lo_id, hi_key, hi_id)
    select b.zone, case when b.zone = 0 then '' else b.k end, case when b.zone = 0 then ${lowestId} else b.id end,
           lead(b.k) over (order by b.zone), lead(b.id) over (order by b.zone)
      from (select distinct on (o.zone) o.zone, o.k, o.id from ${numbered} o order by o.zone, o.k, o.id) b`);
  await run(`insert into ${quoted(zones)} (zone, lo_key, lo_id) select 0, '', ${lowestId} where not exists (select 1 from ${quoted(zones)})`);
  await run(`insert into ${quoted(zoned.grams)} (gram, zone)
    select g.gram, o.zone from ${numbered} o cross join lateral unnest(${rowGramsSql(zoned, 'o')}) g(gram) group by g.gram, o.zone`);
  await run(`analyze ${quoted(zones)}, ${quoted(zoned.grams)}`);
}

/**
 * Builds the zones of every zoned model whose table exists where there are none or the table has outgrown them
 * (more than twice `zoneSize` rows a zone), each in a transaction that holds its table against writes — a county's
 * table in milliseconds, a national one in minutes: the first start after a national load that left them behind.
 * Returns the tables whose zones it built.
 */
export async function rebuildAllSearchZones(run: RunSql, existing: ReadonlySet<string>): Promise<string[]> {
  const rebuilt: string[] = [];
  for (const zoned of zonedOrders().filter((candidate) => existing.has(candidate.model.table))) {
    const [state] = await run(`select (select count(*) from ${quoted(zoned.zones)})::int as zones, (select count(*) from ${quoted(zoned.model.table)})::bigint as rows`);
    const [zones, rows] = [Number(state.zones), Number(state.rows)];
    if (zones > 0 && rows <= 2 * zoneSize * zones) continue;
    await run('begin');
    try {
      await run(`lock table ${quoted(zoned.model.table)} in share mode`);
      await rebuildSearchZones(run, zoned);
      await run('commit');
    } catch (error) {
      await run('rollback');
      throw error;
    }
    rebuilt.push(zoned.model.table);
  }
  return rebuilt;
}
