/**
 * A PostgreSQL cluster of a test's own (not the shared test cluster): for tests that stop, restart or stall
 * the database under a running server. Migrated, with both roles; `database` is what startTestServer needs.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedCluster } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName } from '../../server/db/roles.js';
import type { TestDatabase } from './test-cluster.js';

export type OwnCluster = { baseDir: string; cluster: EmbeddedCluster; database: TestDatabase; remove: () => Promise<void> };

export async function startOwnCluster(name: string): Promise<OwnCluster> {
  const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), `crc-${name}-`));
  const cluster = await EmbeddedCluster.start(baseDir);
  const passwords = { owner: `${name}-owner`, app: `${name}-app` };
  await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
  const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
  await migrate(ownerUrl);
  const appUrl = cluster.url({ user: appRoleName, password: passwords.app }, databaseName);
  // Only what signing in needs of a test database: its owner connection.
  const database = { ownerUrl, appUrl } as TestDatabase;
  return { baseDir, cluster, database, remove: () => fs.rm(baseDir, { recursive: true, force: true }) };
}
