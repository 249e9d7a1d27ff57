/**
 * A connection as the owner role, for loading data: DATABASE_OWNER_URL, or the embedded cluster under
 * DATA_DIR — the running server's (found through its postmaster.pid) or one started for the command.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { clusterPaths, EmbeddedCluster } from './embedded-cluster.js';
import { migrate } from './migrate.js';
import { embeddedArchiveSettings } from '../backup/wal-archive.js';
import { databaseName, ensureRolesAndDatabase, ownerRoleName, rolePasswords } from './roles.js';

export type OwnerConnection = { client: pg.Client; describe: string; close: () => Promise<void> };

export async function runningPort(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(clusterPaths(dataDir).pgdata, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const [pid, , , port] = text.split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined;
  }
}

export async function ownerConnection(config: Config): Promise<OwnerConnection> {
  if (config.databaseOwnerUrl) {
    await migrate(config.databaseOwnerUrl);
    const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
    await client.connect();
    const host = new URL(config.databaseOwnerUrl).host;
    return { client, describe: `${host} (DATABASE_OWNER_URL)`, close: () => client.end() };
  }
  if (config.databaseUrl) throw new Error('set DATABASE_OWNER_URL: data is loaded as the owner role, not the application role');

  let cluster: EmbeddedCluster | undefined;
  let port = await runningPort(config.dataDir);
  await fs.mkdir(config.dataDir, { recursive: true });
  const passwords = await rolePasswords(path.join(config.dataDir, 'postgres-roles.json'));
  if (!port) {
    cluster = await EmbeddedCluster.start(config.dataDir, { settings: await embeddedArchiveSettings(config) });
    await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
    port = cluster.port;
  }
  const url = `postgres://${ownerRoleName}:${encodeURIComponent(passwords.owner)}@127.0.0.1:${port}/${databaseName}`;
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    client,
    describe: `the embedded database in ${path.relative(process.cwd(), config.dataDir) || '.'}`,
    close: async () => {
      await client.end();
      await cluster?.stop();
    },
  };
}
