/**
 * A base backup of the embedded database under DATA_DIR into BACKUP_DIR, then the retention: what
 * `npm run backup` runs, and what an in-server schedule will call. Backs up the running server's cluster (found
 * through its postmaster.pid) as it serves, or starts the cluster for the backup and stops it after.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { clusterPaths, EmbeddedCluster, type ClusterCredentials } from '../db/embedded-cluster.js';
import { runningPort } from '../db/owner-connection.js';
import { databaseName } from '../db/roles.js';
import { BackupRefused } from './backup-refused.js';
import { clearBackupFailure, recordBackupFailure } from './backup-failure.js';
import { takeBaseBackup, type BaseBackupResult } from './base-backup.js';
import { applyRetention, type RetentionOutcome } from './retention.js';
import { embeddedArchiveSettings } from './wal-archive.js';

export type EmbeddedBackupOutcome = BaseBackupResult & { retention: RetentionOutcome };

/**
 * `now`: the backup's time (its name and manifest); `signal`: aborts it (the server stopping), leaving nothing.
 * A failure is recorded for the console's backup page (backup-failure.ts), a success clears it; an abort is neither.
 */
export async function backupEmbeddedDatabase(config: Config, options: { now?: Date; signal?: AbortSignal } = {}): Promise<EmbeddedBackupOutcome> {
  if (config.databaseUrl) {
    throw new BackupRefused(
      '使用外部数据库（DATABASE_URL）时没有内置数据库可做物理备份：npm run backup 对外部数据库做逻辑备份（见 README）',
      'with an external database (DATABASE_URL) there is no embedded database to back up physically: npm run backup takes a logical backup of the external one (see the README)',
    );
  }
  try {
    const outcome = await backUp(config, options);
    await clearBackupFailure(config.dataDir);
    return outcome;
  } catch (error) {
    if (!options.signal?.aborted) await recordBackupFailure(config.dataDir, { at: new Date().toISOString(), message: (error as Error).message }).catch(() => undefined);
    throw error;
  }
}

async function backUp(config: Config, options: { now?: Date; signal?: AbortSignal }): Promise<EmbeddedBackupOutcome> {
  const paths = clusterPaths(config.dataDir);
  if (!fs.existsSync(path.join(paths.pgdata, 'PG_VERSION'))) throw new BackupRefused(`${paths.pgdata} 中没有数据库`, `there is no database in ${paths.pgdata}`);
  const credentials = JSON.parse(await fsp.readFile(paths.credentials, 'utf8')) as ClusterCredentials;
  let port = await runningPort(config.dataDir);
  let started: EmbeddedCluster | undefined;
  if (!port) {
    started = await EmbeddedCluster.start(config.dataDir, { settings: await embeddedArchiveSettings(config) });
    port = started.port;
  }
  try {
    const result = await takeBaseBackup({
      connection: { host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: databaseName },
      pgdata: paths.pgdata,
      backupDir: config.backup.dir,
      extraFiles: [paths.credentials, path.join(config.dataDir, 'postgres-roles.json')],
      ...options,
    });
    const retention = await applyRetention(config.backup.dir, config.backup);
    return { ...result, retention };
  } finally {
    await started?.stop();
  }
}
