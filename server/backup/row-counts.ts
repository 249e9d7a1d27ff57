/** Exact row counts of the product's main tables: recorded in a backup's manifest, reported by a restore. */
import type pg from 'pg';

/** The tables counted (those that exist): the records an office would miss first, and the audit trail. */
export const countedTables = [
  'region',
  'person',
  'deputy',
  'deputy_group',
  'liaison_station',
  'suggestion',
  'suggestion_handling',
  'activity',
  'appointment',
  'oath',
  'motion',
  'app_user',
  'audit_entry',
];

export async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const present = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' and tablename = any($1)`, [countedTables]);
  const counts: Record<string, number> = {};
  for (const { name } of present.rows.sort((a, b) => a.name.localeCompare(b.name))) counts[name] = Number((await client.query(`select count(*) as n from "${name}"`)).rows[0].n);
  return counts;
}
