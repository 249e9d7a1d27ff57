/** MikroORM options shared by the server (app role) and the migrator (owner role). */
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities as modelEntities } from '../../schema/entities.js';
import type { Constructor } from '../../schema/model/registry.js';
import { migrationsList } from './migrations/index.js';
import { searchZoneTables } from './search-zones.js';

export const migrationsTable = 'mikro_orm_migrations';

/** `extraEntities`: entities beyond schema/'s (tests register a fixture entity to prove the API is generated). */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}, extraEntities: readonly Constructor[] = []): Options {
  return defineConfig({
    clientUrl,
    entities: [...modelEntities, ...extraEntities],
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    // Never create, drop or alter anything implicitly: the schema changes only through committed migrations.
    ensureDatabase: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
    driverOptions: { connection: { connectionTimeoutMillis: 5_000, application_name: 'crc-server' } },
    migrations: {
      tableName: migrationsTable,
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      path: 'server/db/migrations',
      pathTs: 'server/db/migrations',
    },
    // Tables of ours that no entity maps (row counts and metric facts, kept by triggers and the metrics
    // refresher; sessions, sign-in failures and the audit trail; the search zones, derived at migrate time) are not the diff's to drop.
    schemaGenerator: {
      skipTables: [
        'row_count',
        'metric_state',
        'metric_own_fact',
        'metric_rollup',
        'metric_value',
        'metric_dirty',
        'metric_replay',
        'user_session',
        'rate_limit',
        'audit_entry',
        'audit_head',
        'import_job',
        'deadline_scan',
        'attachment_content',
        ...searchZoneTables(),
      ],
    },
    debug: false,
    ...overrides,
  });
}
