/** Runs the committed migrations as the owner role, then installs the metric and audit triggers; reports pending migrations for /readyz. */
import { MikroORM } from '@mikro-orm/postgresql';
import { log } from '../log.js';
import { metricCatalog } from '../metrics/catalog.js';
import { triggerStatements } from '../metrics/triggers.js';
import { auditTriggerStatements } from '../audit/triggers.js';
import { migrationsList } from './migrations/index.js';
import { migrationsTable, ormOptions } from './orm.config.js';

/** Applies every pending migration in one transaction; returns the names applied. */
export async function migrate(ownerUrl: string): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(ownerUrl, { pool: { min: 0, max: 1 }, logger: (message) => log.debug(message) }));
  try {
    const applied = await orm.getMigrator().up();
    // Derived from code, not from a migration: the triggers marking stale metric facts follow the catalog.
    for (const statement of [...triggerStatements(metricCatalog), ...auditTriggerStatements()]) await orm.em.getConnection().execute(statement);
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
