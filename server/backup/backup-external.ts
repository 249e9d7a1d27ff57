/**
 * A logical backup of the external database (DATABASE_URL) into BACKUP_DIR, then the retention: what
 * `npm run backup` runs when the product does not run its own cluster. It connects as the owner role
 * (DATABASE_OWNER_URL), the one that owns and so may read every table; the application role may not.
 */
import type { Config } from '../config.js';
import { BackupRefused } from './backup-refused.js';
import { clearBackupFailure, recordBackupFailure } from './backup-failure.js';
import { takeLogicalBackup, type LogicalBackupResult } from './logical-backup.js';
import { applyRetention, type RetentionOutcome } from './retention.js';

export type ExternalBackupOutcome = LogicalBackupResult & { retention: RetentionOutcome };

/** As backupEmbeddedDatabase: a failure is recorded for the console's backup page, a success clears it. */
export async function backupExternalDatabase(config: Config, options: { now?: Date; signal?: AbortSignal } = {}): Promise<ExternalBackupOutcome> {
  if (!config.databaseUrl)
    throw new BackupRefused('未设置 DATABASE_URL：内置数据库用物理备份（npm run backup）', 'DATABASE_URL is not set: the embedded database is backed up physically (npm run backup)');
  if (!config.databaseOwnerUrl) {
    throw new BackupRefused(
      '备份外部数据库需要 DATABASE_OWNER_URL（拥有各表的 crc_owner 角色；应用角色不能读取全部表）',
      'backing up an external database needs DATABASE_OWNER_URL (the crc_owner role, which owns the tables; the application role may not read them all)',
    );
  }
  try {
    const result = await takeLogicalBackup({ connectionString: config.databaseOwnerUrl, backupDir: config.backup.dir, ...options });
    const retention = await applyRetention(config.backup.dir, config.backup);
    await clearBackupFailure(config.dataDir).catch(() => undefined);
    return { ...result, retention };
  } catch (error) {
    if (!options.signal?.aborted) await recordBackupFailure(config.dataDir, { at: new Date().toISOString(), message: (error as Error).message }).catch(() => undefined);
    throw error;
  }
}
