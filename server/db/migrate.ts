/** Runs the committed migrations as the owner role, then installs the metric triggers and refresher, the audit triggers, the default-order and search indexes, the search zones and the example queries; reports pending migrations for /readyz. */
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { log } from '../log.js';
import { metricCatalog } from '../metrics/catalog.js';
import { triggerStatements } from '../metrics/triggers.js';
import { refresherStatements } from '../metrics/refresher.js';
import { auditTriggerStatements } from '../audit/triggers.js';
import { installExampleQueries } from '../workbench/examples.js';
import { installDerivedIndexes } from './derived-indexes.js';
import { scopeIndexes } from './scope-indexes.js';
import { regionPrefixStatements } from './region-prefixes.js';
import { orderIndexes } from './order-indexes.js';
import { searchIndexes } from './search-indexes.js';
import { rebuildAllSearchZones, searchZoneStatements } from './search-zones.js';
import { migrationsList } from './migrations/index.js';
import { migrationsTable, ormOptions } from './orm.config.js';
import { actorSetting } from '../access/actor.js';

/**
 * The audit trail's actor of every write a migration makes: `system:migration`, on the migrations' one connection
 * from its start. A migration that brings existing rows to a new rule (a due date for every handling already
 * assigned …) writes audited tables, whose triggers refuse a write without an actor — on a fresh database there
 * are no rows and nothing is written, so only an upgrade of a database with records would fail (a secretariat's, on
 * its next start). Set here, once, it holds for every migration, those to come included.
 */
const asMigration = (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) =>
  connection.query(`select set_config('crc.actor', $1, false)`, [actorSetting({ system: 'migration' })], (error) => done(error ?? null, connection));

/** Applies every pending migration (up to `to`, for tests of upgrades) in one transaction; returns the names applied. */
export async function migrate(ownerUrl: string, options: { to?: string } = {}): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(ownerUrl, { pool: { min: 0, max: 1, afterCreate: asMigration }, logger: (message) => log.debug(message) }));
  try {
    const applied = await orm.getMigrator().up(options.to ? { to: options.to } : undefined);
    // Derived from code, not from a migration: the triggers marking stale metric facts follow the catalog.
    const connection = orm.em.getConnection();
    const tables = await connection.execute<{ name: string }[]>(`select tablename as name from pg_tables where schemaname = 'public'`);
    const existing = new Set(tables.map((table) => table.name));
    // Up to an earlier level (a test's old database): its tables' audit triggers only — what is derived from today's
    // catalog and models names tables and columns that level does not have.
    const derived = options.to
      ? auditTriggerStatements(existing)
      : [...triggerStatements(metricCatalog), ...refresherStatements(metricCatalog), ...auditTriggerStatements(existing), ...regionPrefixStatements(existing), ...searchZoneStatements(existing)];
    for (const statement of derived) await connection.execute(statement);
    if (options.to) return applied.map((migration) => migration.name);
    const execute = (statement: string) => connection.execute(statement);
    await installDerivedIndexes(execute, existing, 'order', orderIndexes);
    await installDerivedIndexes(execute, existing, 'search', searchIndexes);
    await installDerivedIndexes(execute, existing, 'scope', scopeIndexes);
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      // Built where missing or outgrown (search-zones.ts): after the derived statements made their tables and triggers.
      const started = performance.now();
      const zoned = await rebuildAllSearchZones(async (statement) => (await client.query(statement)).rows, existing);
      if (zoned.length) log.info(`search zones built for ${zoned.join(', ')} in ${Math.round(performance.now() - started)} ms`);
      if (existing.has('saved_query')) await installExampleQueries(client);
    } finally {
      await client.end();
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
