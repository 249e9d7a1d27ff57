/**
 * `npm run backup:verify [-- --from BACKUP_DIR/base/<name>]`: restores the latest backup (or the one named) into a
 * throwaway cluster on another port, compares its row counts with the manifest's and verifies the audit chain
 * and anchors there; writes verification.json beside the backup. Exit 0 when it holds; 1, logged loudly, when not.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { migrationsList } from '../db/migrations/index.js';
import { baseBackupsDir } from './base-backup.js';
import { listBackups } from './retention.js';
import { verifyBackup } from './verify-backup.js';

const config = readConfig();
try {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  const latest = (await listBackups(config.backup.dir)).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const from = values.from ? path.resolve(process.cwd(), values.from) : latest && path.join(baseBackupsDir(config.backup.dir), latest.name);
  if (!from) {
    log.error(`backup:verify: no backup in ${baseBackupsDir(config.backup.dir)} / 没有可验证的备份`);
    process.exitCode = 1;
  } else {
    const verification = await verifyBackup({
      from,
      scratchDir: path.join(config.backup.dir, `.verify-${path.basename(from)}`),
      knownMigrations: migrationsList.map((migration) => migration.name),
      anchors: config.auditAnchor,
    });
    const rows = Object.entries(verification.rowCounts)
      .map(([table, counts]) => `${table} ${counts.restored}${counts.restored === counts.manifest ? '' : ` (manifest ${counts.manifest})`}`)
      .join(', ');
    if (verification.ok) {
      process.stdout.write(
        [
          `备份验证通过 / backup verified: ${verification.backup} restored in ${verification.seconds.toFixed(1)} s`,
          `  rows: ${rows || '(no product tables)'}`,
          `  audit trail: ${verification.auditEntries ?? 0} entries chained${verification.anchors ? `; ${verification.anchors.checked} anchor(s) hold (${verification.anchors.later} later than the backup)` : ''}`,
        ].join('\n') + '\n',
      );
    } else {
      log.error(`backup:verify: backup ${verification.backup} FAILED verification / 备份验证失败:\n  ${verification.problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  log.error('backup:verify failed', error);
  process.exitCode = 1;
}
