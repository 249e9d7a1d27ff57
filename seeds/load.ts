/**
 * Loads a Dataset into a database with COPY, table by table in dependency order, as the owner role, in
 * one transaction: every local id and every reference is shifted past the ids the database already has.
 */
import type pg from 'pg';
import { domainEntities } from '../schema/entities.js';
import { modelOf } from '../schema/model/registry.js';
import { pinyinForms } from '../schema/shared/pinyin.js';
import { copyRows, syncIdSequences } from './copy.js';
import { noteBulk, switchAuditTriggers } from '../server/audit/bulk.js';
import type { Dataset } from './dataset.js';

/** For each table, its reference columns and the table each points to (from schema/). */
function referenceColumns(): Map<string, Map<string, string>> {
  const byTable = new Map<string, Map<string, string>>();
  for (const entity of domainEntities) {
    const model = modelOf(entity);
    const columns = new Map<string, string>();
    for (const field of model.fields) {
      if (field.kind === 'reference') columns.set(field.column!, modelOf(field.target!()).table);
    }
    byTable.set(model.table, columns);
  }
  return byTable;
}

/** For each table, its texts found by pinyin: a row that holds the text gets its pinyin forms too (what the ORM does for the API). */
function pinyinOfRow(): Map<string, ((row: Record<string, unknown>) => void)[]> {
  const byTable = new Map<string, ((row: Record<string, unknown>) => void)[]>();
  for (const entity of domainEntities) {
    const model = modelOf(entity);
    const fills = model.fields
      .filter((field) => field.pinyin)
      .map((field) => (row: Record<string, unknown>) => {
        if (field.column! in row) row[field.pinyin!.column] = pinyinForms(row[field.column!] as string | null, field.pinyin!.reading);
      });
    byTable.set(model.table, fills);
  }
  return byTable;
}

/**
 * The caller's transaction names its actor (server/audit/bulk.ts); the rows go in with the audit triggers
 * off and the trail gets one LOAD entry per table, naming `source`.
 */
export async function loadDataset(client: pg.ClientBase, dataset: Dataset, source: string, onTable?: (table: string, rows: number) => void): Promise<Record<string, number>> {
  const references = referenceColumns();
  const pinyin = pinyinOfRow();
  const tables = dataset.tableNames();
  const offsets = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await client.query<{ max: string | null }>(`select max(id)::text as max from "${table}"`);
    offsets.set(table, Number(rows[0].max ?? 0));
  }
  const loaded: Record<string, number> = {};
  await switchAuditTriggers(client, tables, false);
  for (const table of tables) {
    const rows = dataset.rows(table).map((row) => {
      const filled = { ...row };
      for (const fill of pinyin.get(table) ?? []) fill(filled);
      return filled;
    });
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const shifts = columns.map((column) => {
      if (column === 'id') return offsets.get(table) ?? 0;
      const target = references.get(table)?.get(column);
      return target ? (offsets.get(target) ?? 0) : undefined;
    });
    const values = rows.map((row) =>
      columns.map((column, index) => {
        const value = row[column];
        const shift = shifts[index];
        return shift !== undefined && typeof value === 'number' ? value + shift : value;
      }),
    );
    loaded[table] = await copyRows(client, table, columns, values);
    onTable?.(table, loaded[table]);
  }
  await syncIdSequences(client, tables);
  await switchAuditTriggers(client, tables, true);
  await noteBulk(client, 'LOAD', Object.fromEntries(tables.map((table) => [table, { rows: loaded[table], dataset: source }])));
  return loaded;
}
