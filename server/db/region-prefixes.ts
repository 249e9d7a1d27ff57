/**
 * The region prefixes of a model reached through lists (ModelMeta.regionPrefixesColumn: a person belongs to the region
 * that registered them and to those of their seats and posts): every prefix of the code of every region one of its
 * region paths ends at (灵台县 620822: 6, 62, 620, …, 620822), kept on the row by the database and GIN-indexed.
 *
 * Why on the row: a province's clerk searching persons tested each of the country's text matches against three
 * paths, two of them through lists (the province's 273,000 seats and 300,000 posts hashed for every statement):
 * 0.3–3.9 s nationally. With the prefixes on the row, PostgreSQL intersects the search's index with this one
 * (`region_prefixes @> '{92}'`), and reads only the rows both admit.
 *
 * Kept, like the row counts and metric facts, by triggers derived from the model at migrate time, so that ORM
 * writes, imports and plain SQL alike keep it true:
 * - on the model's table, before a row is written, the prefixes are computed from the row's paths (a value a
 *   statement sets is replaced: no one can place a row elsewhere by writing the column);
 * - on the table of a path's list (a seat, a post), a changed row's owners are rewritten where their prefixes
 *   change (computed once, by that trigger: the first keeps what these triggers, running as the table's owner, write);
 * - on the region table, a changed code rewrites the rows whose prefixes hold the old one.
 * The audit trail records no change that touches only this column (crc_audit_rows' derived columns).
 */
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { endOf, stepsAlong, type PathStep } from '../../schema/model/relations.js';

/** The statements keeping the region prefixes of every served model that has them, of the tables that exist. */
export function regionPrefixStatements(existing: ReadonlySet<string>): string[] {
  return servedEntities
    .map((entity) => modelOf(entity))
    .filter((model) => model.regionPrefixesColumn && existing.has(model.table))
    .flatMap(regionPrefixTriggerStatements);
}

/**
 * A path's steps, checked to be those the triggers below watch: a reference to a region (`region`), or a list whose
 * rows reference one (`seats.region`). A longer path steps through a table no trigger watches (a seat's group's
 * region changed would leave the prefixes stale), so it is refused at start-up (checkRegionPaths) and at migrate time.
 */
function prefixSteps(model: ModelMeta, path: string): PathStep[] {
  const steps = stepsAlong(model, path);
  const [first, second] = steps;
  const watched = (steps.length === 1 && first.kind === 'reference') || (steps.length === 2 && first.kind === 'list' && second.kind === 'reference');
  if (!watched) throw new Error(`${model.name}'s region path '${path}' is neither a reference to a region nor a list whose rows reference one: its region prefixes could not be kept`);
  return steps;
}

/** Checks at start-up that the region prefixes of `model`, if it keeps them, can be kept along every one of its paths. */
export function checkPrefixPaths(model: ModelMeta): void {
  if (model.regionPrefixesColumn) for (const path of model.regionPaths) prefixSteps(model, path);
}

/**
 * The codes the region paths of the row under `row` (a table alias, or `new` in a trigger) end at: one select per
 * path, joined step by step (a list step reads the child rows whose back reference is the row's id).
 */
function codesSql(model: ModelMeta, row: string, paths: readonly string[]): string {
  return paths
    .map((path) => {
      const steps = prefixSteps(model, path);
      const joins = steps.slice(1).map((step, index) => `join "${step.to.table}" p${index + 2} on p${index + 2}."${step.toColumn}" = p${index + 1}."${step.fromColumn}"`);
      const [first] = steps;
      return `select p${steps.length}.code from "${first.to.table}" p1 ${joins.join(' ')} where p1."${first.toColumn}" = ${row}."${first.fromColumn}"`;
    })
    .join(' union ');
}

/** The prefixes of the row under `row`, sorted: every prefix of each code its paths (all, unless given) end at. */
export function prefixesSql(model: ModelMeta, row: string, paths: readonly string[] = model.regionPaths): string {
  const codes = paths.length ? codesSql(model, row, paths) : `select null::text as code where false`;
  return `array(select distinct left(c.code, n) from (${codes}) c cross join generate_series(1, length(c.code)) n order by 1)`;
}

/**
 * The update rewriting the prefixes of the model's rows `w` that `which` selects, where they change: each row's
 * computed once, here (the row trigger keeps what the owner writes from within a trigger, above), and written only if it differs.
 */
function rewriteSql(model: ModelMeta, which: string): string {
  const column = model.regionPrefixesColumn!;
  return `update "${model.table}" t set "${column}" = c.prefixes
    from (select w.id, ${prefixesSql(model, 'w')} as prefixes from "${model.table}" w where ${which} offset 0) c
    where t.id = c.id and t."${column}" is distinct from c.prefixes`;
}

/** The statements (idempotent) that keep `model`'s prefixes: its own trigger, its lists' and the region's. */
export function regionPrefixTriggerStatements(model: ModelMeta): string[] {
  const column = model.regionPrefixesColumn!;
  const table = model.table;
  const steps = model.regionPaths.map((path) => prefixSteps(model, path));
  // The row's own columns its paths start from (a reference's column: region_id): a change recomputes.
  const ownColumns = [...new Set(steps.flatMap(([first]) => (first.kind === 'reference' ? [first.fromColumn] : [])))];
  const recompute = `crc_region_prefixes_${table}`;
  const statements = [
    `create or replace function ${recompute}() returns trigger language plpgsql security invoker set search_path = public, pg_temp as $$
    begin
      -- Rewritten by the triggers below, the row carries the prefixes they computed for it, its own columns unchanged:
      -- kept, not computed a second time. Told apart by who writes: those triggers run as the table's owner (security
      -- definer), nested in another trigger; this function runs as whoever writes (security invoker). A statement of
      -- the application's, even one a trigger of its own makes (a temporary table's), writes as the application: its
      -- value is replaced.
      if tg_op = 'UPDATE' and pg_trigger_depth() > 1${ownColumns.map((name) => ` and new."${name}" is not distinct from old."${name}"`).join('')} then
        if current_user = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = tg_relid) then
          return new;
        end if;
      end if;
      -- A row being inserted has no list rows yet (each would reference it): its references alone place it, which
      -- spares an import of 100,000 persons two lookups a row.
      if tg_op = 'INSERT' then
        new."${column}" := ${prefixesSql(
          model,
          'new',
          model.regionPaths.filter((path) => stepsAlong(model, path)[0]?.kind === 'reference'),
        )};
      else
        new."${column}" := ${prefixesSql(model, 'new')};
      end if;
      return new;
    end $$;`,
    `create or replace trigger ${recompute} before insert or update of ${[column, ...ownColumns].map((name) => `"${name}"`).join(', ')} on "${table}" for each row execute function ${recompute}();`,
  ];
  // A list's rows (seats): the owners of the rows written, before and after, when a column the path reads changed.
  const lists = steps.filter(([first]) => first.kind === 'list');
  for (const [first, second] of lists) {
    const child = first.to.table;
    const owner = first.toColumn;
    const read = [...new Set([owner, ...(second ? [second.fromColumn] : [])])];
    const changed = read.map((name) => `n."${name}" is distinct from o."${name}"`).join(' or ');
    const fn = `crc_region_prefixes_${table}_${child}`;
    // Only the owners whose prefixes change: a seat in the county a person is registered in changes nothing, and a
    // rewritten row is a new version of it (the demo's load rewrote every person, doubling the table).
    const rewrite = (owners: string) => `${rewriteSql(model, `w.id in (${owners})`)};`;
    statements.push(
      `create or replace function ${fn}() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      if tg_op = 'INSERT' then ${rewrite(`select "${owner}" from new_rows`)}
      elsif tg_op = 'DELETE' then ${rewrite(`select "${owner}" from old_rows`)}
      else ${rewrite(`select unnest(array[o."${owner}", n."${owner}"]) from old_rows o join new_rows n on n.id = o.id where ${changed}`)}
      end if;
      return null;
    end $$;`,
      `create or replace trigger ${fn}_insert after insert on "${child}" referencing new table as new_rows for each statement execute function ${fn}();`,
      `create or replace trigger ${fn}_update after update on "${child}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`,
      `create or replace trigger ${fn}_delete after delete on "${child}" referencing old table as old_rows for each statement execute function ${fn}();`,
    );
  }
  // The regions (the tables the paths end at: one, the region's, in this model; each watched if they were several): a
  // changed code moves the rows whose prefixes hold the old one.
  for (const region of new Set(steps.map((path) => endOf(model, path).table))) {
    const fn = `crc_region_prefixes_${table}_${region}`;
    statements.push(
      `create or replace function ${fn}() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      ${rewriteSql(model, `w."${column}" && array(select o.code::text from old_rows o join new_rows n on n.id = o.id where n.code is distinct from o.code)`)};
      return null;
    end $$;`,
      `create or replace trigger ${fn} after update on "${region}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`,
    );
  }
  return statements;
}
