/**
 * A reference cell to the record it names, as a clerk writes it: a region as 620822, 灵台县, 平凉市灵台县 or
 * 甘肃省平凉市灵台县; a person by ID number (or a name that only one person in reach has); any record by its
 * natural keys, then its title (columns.ts `lookupPaths`). One statement per column and path for all the file's
 * distinct texts, bounded by what the user may read — a record outside their reach answers as one that does
 * not exist — and never through a field they read masked. A text several records answer to is refused,
 * naming how to tell them apart.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import type { Rows } from '../db/read-pool.js';
import { and, ident, raw, sql, type Sql } from '../sql/sql.js';
import { targetOf } from '../../schema/model/relations.js';
import type { ImportColumn } from './columns.js';

export type Resolution = { id: string } | { zh: string; en: string };

/** The SQL expression of a lookup path on `alias`, with the joins it needs (one step through a reference at most). */
function pathSql(model: ModelMeta, alias: string, path: string[]): { expression: Sql; joins: Sql; fields: { model: ModelMeta; name: string }[] } {
  const [first, second] = path;
  const field = model.fields.find((candidate) => candidate.name === first)!;
  if (!second) return { expression: sql`${ident(alias, field.column!)}::text`, joins: raw(''), fields: [{ model, name: first }] };
  const target = targetOf(field);
  const inner = target.fields.find((candidate) => candidate.name === second)!;
  return {
    expression: sql`j.${ident(inner.column!)}::text`,
    joins: sql`join ${ident(target.table)} j on j."id" = ${ident(alias, field.column!)} and j."deleted_at" is null`,
    fields: [
      { model, name: first },
      { model: target, name: second },
    ],
  };
}

const labelOf = (model: ModelMeta, name: string) => model.fields.find((field) => field.name === name)!;

/** Whether the user may look records up by this path (no personal field they read masked). */
function usable(access: Access, model: ModelMeta, path: string[]): boolean {
  return pathSql(model, 't', path).fields.every(({ model: owner, name }) => access.refusal(owner, labelOf(owner, name), 'filter', 'records') === null);
}

/** A tree (regions): texts naming a record with its ancestors' names before its own (甘肃省平凉市灵台县). */
function fullNameSql(model: ModelMeta, scope: Sql, texts: string[]): Sql | undefined {
  const parent = model.fields.find((field) => field.kind === 'reference' && targetOf(field) === model);
  const name = model.fields.find((field) => field.name === model.titleField && field.kind === 'text');
  if (!parent || !name) return undefined;
  const table = ident(model.table);
  return sql`with recursive chain as (
      select t."id" as leaf, ${ident('t', parent.column!)} as up, ${ident('t', name.column!)}::text as full_name from ${table} t
      where t."deleted_at" is null and ${scope} and exists (select 1 from unnest(${texts}::text[]) x(text) where x.text like '%' || ${ident('t', name.column!)})
      union all
      select c.leaf, p.${ident(parent.column!)}, p.${ident(name.column!)} || c.full_name from chain c join ${table} p on p."id" = c.up)
    select leaf::text as id, full_name as key from chain where full_name = any(${texts}::text[])`;
}

export async function resolveReferences(rows: Rows, access: Access, column: ImportColumn, texts: readonly string[]): Promise<Map<string, Resolution>> {
  const target = column.reference!.model;
  const answers = new Map<string, Resolution>();
  const scope = (alias: string) => {
    const condition = access.readScope(target, alias);
    return condition.strings.join('').trim() === '' && condition.values.length === 0 ? raw('true') : condition;
  };
  const settle = (found: { id: string; key: string }[], describe: (key: string, count: number) => Resolution) => {
    const byKey = new Map<string, Set<string>>();
    for (const row of found) byKey.set(row.key, (byKey.get(row.key) ?? new Set()).add(row.id));
    for (const [key, ids] of byKey) {
      if (answers.has(key)) continue;
      answers.set(key, ids.size === 1 ? { id: [...ids][0] } : describe(key, ids.size));
    }
  };
  const paths = column.reference!.by.filter((path) => usable(access, target, path));
  const better = paths[0] ? paths[0].map((name, index) => labelOf(index === 0 ? target : targetOf(labelOf(target, paths[0][0])), name)) : [];
  const ambiguous = (key: string, count: number): Resolution => ({
    zh: `“${key}”对应 ${count} 条${target.labelZh}记录，请改填${better.at(-1)?.labelZh ?? '编号'}`,
    en: `"${key}" matches ${count} ${target.labelEn.toLowerCase()} records: give the ${better.at(-1)?.labelEn.toLowerCase() ?? 'id'} instead`,
  });
  for (const path of paths) {
    const open = texts.filter((text) => !answers.has(text));
    if (open.length === 0) break;
    const { expression, joins } = pathSql(target, 't', path);
    settle(
      await rows.rows<{ id: string; key: string }>(
        sql`select t."id"::text as id, ${expression} as key from ${ident(target.table)} t ${joins}
          where ${and([raw('t."deleted_at" is null'), scope('t')])} and ${expression} = any(${open}::text[])`,
      ),
      ambiguous,
    );
  }
  const open = texts.filter((text) => !answers.has(text));
  const tree = open.length ? fullNameSql(target, scope('t'), open) : undefined;
  if (tree) settle(await rows.rows<{ id: string; key: string }>(tree), ambiguous);
  for (const text of texts) {
    if (!answers.has(text)) {
      answers.set(text, { zh: `找不到${target.labelZh}“${text}”（或您无权使用它）`, en: `No ${target.labelEn.toLowerCase()} "${text}" (or you may not use it)` });
    }
  }
  return answers;
}
