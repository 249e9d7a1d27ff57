/**
 * What a logical backup holds: every table of the product's schema (public) — records, the audit trail and its
 * chain head, users, settings, saved queries, imports, attachments, the metric facts and row counts the triggers
 * keep, and the migrations' own table — but for those left out below, and in an order a restore can load them
 * in with the foreign keys checked as it goes (they are not deferrable, and only a superuser may switch them off).
 */
import type pg from 'pg';
import { searchZoneTables } from '../db/search-zones.js';

/**
 * Left out, by design: they hold nothing a restore should bring back.
 * - rate_limit: request counters of the last minutes; a restored counter would only refuse someone for nothing.
 * - user_session: live sign-ins (secrets that let a browser act as its user): a backup file must not hand them
 *   out, and after a restore everyone signs in again. No other table refers to a session.
 * - the search zones (server/db/search-zones.ts): derived from the rows, and made by migrate, which builds them
 *   where they are missing (a restore into a new database has not made their tables when it loads).
 */
export const leftOutTables: readonly string[] = ['rate_limit', 'user_session', ...searchZoneTables()];

export type TableInfo = { name: string; columns: string[] };

/** The product's tables (less those left out), each with its stored (not generated) columns in column order. */
export async function productTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not (c.relname = any($1))
      group by c.relname
      order by c.relname`,
    [leftOutTables],
  );
  return rows;
}

/** The public schema's sequences. */
export async function productSequences(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/**
 * The tables ordered so that each comes after every other table it references (a table referring to itself is
 * loaded by one COPY, whose foreign-key checks run at the statement's end). A cycle between tables would need
 * deferred constraints, which the schema has none of: refused rather than loaded in a failing order.
 */
export async function inForeignKeyOrder<T extends { name: string }>(client: pg.ClientBase, tables: readonly T[]): Promise<T[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const names = new Set(tables.map((table) => table.name));
  const parents = new Map<string, Set<string>>(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of rows) if (names.has(child) && names.has(parent)) parents.get(child)!.add(parent);
  const ordered: T[] = [];
  const placed = new Set<string>();
  let remaining = [...tables];
  while (remaining.length) {
    const ready = remaining.filter((table) => [...parents.get(table.name)!].every((parent) => placed.has(parent)));
    if (!ready.length) throw new Error(`foreign keys form a cycle among ${remaining.map((table) => table.name).join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

/** A table or sequence name quoted for SQL. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
