/**
 * The pinyin columns (schema/model/fields.ts `pinyin`) where the ORM does not write them: the server's writes
 * set a text's pinyin with the text, and the bulk loads (seeds/load.ts, the national generator, the division
 * loader) compute it as they copy — this fills what is left empty: the rows a database held before the column
 * existed (the migration that adds it runs it, so a database is caught up in the same transaction), and rows
 * written by plain SQL since (run it again). In JS, since the pinyin library is JS: PostgreSQL cannot compute it.
 *
 * In the caller's transaction, with the audit triggers (and the metric facts' marking) off: the pinyin is how a name is searched, derived from it,
 * not a change of the record anyone made (the audit already holds the name); 2.6 million persons would otherwise
 * append 2.6 million entries to the chain. Batches of ids in order, so memory stays flat at national scale.
 */
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { pinyinForms, type PinyinReading } from '../../schema/shared/pinyin.js';
import { auditTriggerNames } from '../audit/triggers.js';
import { metricUpdateTriggerName } from '../metrics/triggers.js';

export type PinyinColumn = { table: string; column: string; pinyinColumn: string; reading: PinyinReading };

/** Runs one statement in the caller's transaction and returns its rows (a migration's `execute`, a pg client's query). */
export type RunSql = (statement: string) => Promise<Record<string, unknown>[]>;

/** Every text column the models search by pinyin too, with where its pinyin is kept. */
export function pinyinColumns(): PinyinColumn[] {
  return servedEntities
    .map((entity) => modelOf(entity))
    .flatMap((model) =>
      model.fields.filter((field) => field.pinyin).map((field) => ({ table: model.table, column: field.column!, pinyinColumn: field.pinyin!.column, reading: field.pinyin!.reading })),
    );
}

/** Rows read and written at a time. */
const batchSize = 5000;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Fills one table's empty pinyin (with `recheck`, also corrects every one that no longer matches its text:
 * after names were changed in plain SQL); returns the rows written. Values are written into the statement (ids are digits, forms letters and spaces,
 * as JSON), so that any executor runs it, a migration's included, whose placeholders differ from pg's.
 */
async function fillColumn(run: RunSql, target: PinyinColumn, recheck: boolean): Promise<number> {
  const { table, column, pinyinColumn, reading } = target;
  const wanted = recheck ? 'true' : `t."${pinyinColumn}" is null and t."${column}" is not null`;
  let written = 0;
  let after = '0';
  for (;;) {
    // In the order of the column (`t.id`), not of the output's text `id` ('10' before '9'): the next batch starts
    // after the largest id read, and text order skipped every id below it not yet read (a third of 2.65 million persons).
    const rows = (await run(
      `select t.id::text as id, t."${column}" as text, t."${pinyinColumn}" as pinyin from "${table}" t where t.id > ${after} and ${wanted} order by t.id limit ${batchSize}`,
    )) as {
      id: string;
      text: string | null;
      pinyin: string | null;
    }[];
    if (rows.length === 0) return written;
    after = rows[rows.length - 1].id;
    const changed = rows.map((row) => ({ id: row.id, pinyin: pinyinForms(row.text, reading), before: row.pinyin })).filter((row) => row.pinyin !== row.before);
    if (changed.length === 0) continue;
    const values = JSON.stringify(changed.map(({ id, pinyin }) => ({ id, pinyin })));
    await run(`update "${table}" t set "${pinyinColumn}" = v.pinyin from jsonb_to_recordset(${literal(values)}::jsonb) as v(id bigint, pinyin text) where t.id = v.id`);
    written += changed.length;
  }
}

/**
 * Switches off or on the triggers a fill of `table`'s pinyin must not fire (none before the first migrate installs
 * them): its audit triggers, and the metric facts' marking of its updates — the pinyin feeds no metric, and a
 * national fill marked some 31,000 regions stale, a refresh no comparison's time limit could finish
 * (server/metrics/triggers.ts names them).
 */
export async function switchAudit(run: RunSql, table: string, on: boolean): Promise<void> {
  const names = [...auditTriggerNames(table), metricUpdateTriggerName(table)];
  const present = (await run(`select tgname as name from pg_trigger where tgrelid = ${literal(`"${table}"`)}::regclass and tgname in (${names.map(literal).join(', ')})`)) as {
    name: string;
  }[];
  for (const { name } of present) await run(`alter table "${table}" ${on ? 'enable' : 'disable'} trigger "${name}"`);
}

/**
 * Fills the pinyin of `targets` (default: every pinyin column of the models whose table exists) in the caller's
 * transaction — never outside one, or a failure would leave the audit triggers off; returns the rows written per
 * table.
 */
export async function fillPinyin(run: RunSql, options: { targets?: readonly PinyinColumn[]; recheck?: boolean } = {}): Promise<Record<string, number>> {
  const tables = new Set(((await run(`select tablename as name from pg_tables where schemaname = 'public'`)) as { name: string }[]).map((row) => row.name));
  const written: Record<string, number> = {};
  for (const target of (options.targets ?? pinyinColumns()).filter((candidate) => tables.has(candidate.table))) {
    await switchAudit(run, target.table, false);
    written[target.table] = (written[target.table] ?? 0) + (await fillColumn(run, target, options.recheck ?? false));
    await switchAudit(run, target.table, true);
  }
  return written;
}
