/** Runs the committed migrations as the owner role, then installs the metric triggers and refresher, the audit triggers, the default-order and search indexes and the example queries; reports pending migrations for /readyz. */
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { log } from '../log.js';
import { metricCatalog } from '../metrics/catalog.js';
import { triggerStatements } from '../metrics/triggers.js';
import { refresherStatements } from '../metrics/refresher.js';
import { auditTriggerStatements } from '../audit/triggers.js';
import { installExampleQueries } from '../workbench/examples.js';
import { installDerivedIndexes } from './derived-indexes.js';
import { orderIndexes } from './order-indexes.js';
import { searchIndexes } from './search-indexes.js';
import { migrationsList } from './migrations/index.js';
import { migrationsTable, ormOptions } from './orm.config.js';

/** Applies every pending migration in one transaction; returns the names applied. */
export async function migrate(ownerUrl: string): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(ownerUrl, { pool: { min: 0, max: 1 }, logger: (message) => log.debug(message) }));
  try {
    const applied = await orm.getMigrator().up();
    // Derived from code, not from a migration: the triggers marking stale metric facts follow the catalog.
    const connection = orm.em.getConnection();
    const tables = await connection.execute<{ name: string }[]>(`select tablename as name from pg_tables where schemaname = 'public'`);
    const existing = new Set(tables.map((table) => table.name));
    for (const statement of [...triggerStatements(metricCatalog), ...refresherStatements(metricCatalog), ...auditTriggerStatements(existing)]) await connection.execute(statement);
    const execute = (statement: string) => connection.execute(statement);
    await installDerivedIndexes(execute, existing, 'order', orderIndexes);
    await installDerivedIndexes(execute, existing, 'search', searchIndexes);
    if (existing.has('saved_query')) {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      await installExampleQueries(client).finally(() => client.end());
    }
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

/** Runs one SQL statement and returns its rows (the ORM connection's `execute`, a pg client…). */
export type QueryRows = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Names of committed migrations not yet recorded in the database (all of them if the table is missing). */
export async function pendingMigrations(query: QueryRows): Promise<string[]> {
  const known = migrationsList.map((migration) => migration.name);
  const [exists] = await query(`select to_regclass(?) is not null as present`, [migrationsTable]);
  if (!exists?.present) return known;
  const rows = await query(`select name from ${migrationsTable}`);
  const done = new Set(rows.map((row) => String(row.name)));
  return known.filter((name) => !done.has(name));
}
