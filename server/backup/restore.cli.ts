/**
 * `npm run restore -- --from BACKUP_DIR/base/<name> [--until "2025-03-01 14:30"] [--data DIR]`: restores a
 * physical backup into DATA_DIR (or --data), which must hold no running database (a stopped one is moved aside),
 * replays the WAL archive to its end or to the given moment (China time unless an offset is given), reports what
 * it restored and stops the cluster: `npm start` then serves the restored data.
 *
 * A logical backup (of an external database) is restored into the EMPTY database of DATABASE_OWNER_URL (with
 * DATABASE_URL set): no --until (it holds one moment), no --data. Exit 1 with the reason on refusal.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { migrationsList } from '../db/migrations/index.js';
import { isLogical, readAnyManifest } from './backup-manifest.js';
import { BackupRefused } from './backup-refused.js';
import { restoreLogicalBackup } from './logical-restore.js';
import { shownPath } from './shown-path.js';
import { parseUntil } from './recovery-target.js';
import { restoreBackup } from './restore.js';
import { embeddedArchiveSettings, walArchiveDir, walArchiveSettings } from './wal-archive.js';

const config = readConfig();
const knownMigrations = migrationsList.map((migration) => migration.name);

async function restoreLogical(from: string, until: Date | undefined, data: string | undefined): Promise<void> {
  if (!config.databaseUrl || !config.databaseOwnerUrl) {
    throw new BackupRefused(
      '这是外部数据库的逻辑备份：请设置 DATABASE_URL 和 DATABASE_OWNER_URL，指向要恢复到的空数据库',
      'this is a logical backup of an external database: set DATABASE_URL and DATABASE_OWNER_URL to the empty database to restore it into',
    );
  }
  if (data) throw new BackupRefused('逻辑备份恢复到 DATABASE_OWNER_URL 所指的数据库，不接受 --data', 'a logical backup restores into the database of DATABASE_OWNER_URL: --data does not apply');
  const report = await restoreLogicalBackup({ from, ownerUrl: config.databaseOwnerUrl, knownMigrations, until });
  const rows = Object.entries(report.rowCounts)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  process.stdout.write(
    [
      `恢复完成 / restored: logical backup ${report.manifest.name} into ${new URL(config.databaseOwnerUrl).host}${new URL(config.databaseOwnerUrl).pathname} in ${report.seconds.toFixed(1)} s`,
      `  every transaction committed before ${report.manifest.holdsCommitsBefore}; migration ${report.manifest.migrations.last ?? '(none)'}`,
      `  rows: ${rows || '(no product tables)'}`,
      report.installed ? '  start the server (docker compose start app, or npm start)' : "  start the server: it applies the code's later migrations and installs its triggers",
    ].join('\n') + '\n',
  );
}

try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, until: { type: 'string' }, data: { type: 'string' } } });
  if (!values.from) throw new BackupRefused('请用 --from 指定要恢复的备份目录（BACKUP_DIR/base/<时间>）', 'name the backup to restore with --from (a directory BACKUP_DIR/base/<time>)');
  const from = path.resolve(process.cwd(), values.from);
  const until = values.until ? parseUntil(values.until) : undefined;
  if (isLogical(await readAnyManifest(from))) {
    await restoreLogical(from, until, values.data);
  } else {
    const dataDir = values.data ? path.resolve(process.cwd(), values.data) : config.dataDir;
    const report = await restoreBackup({
      from,
      dataDir,
      walDir: walArchiveDir(config.backup.dir),
      until,
      knownMigrations,
      // Only the product's own cluster archives: a copy restored elsewhere to look at would put its new timeline
      // into the archive, and later restores (which follow the latest timeline) would follow it.
      settings: dataDir === config.dataDir ? await embeddedArchiveSettings(config) : walArchiveSettings(undefined, 0),
    });
    await report.cluster.stop();
    const rows = Object.entries(report.rowCounts)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ');
    process.stdout.write(
      [
        `恢复完成 / restored: backup ${report.manifest.name} into ${shownPath(dataDir)} in ${report.seconds.toFixed(1)} s`,
        `  last transaction replayed: ${report.replayedUntil ?? '(none after the backup)'}${until ? ` (target ${until.toISOString()})` : ''}; now on timeline ${report.timeline}`,
        `  rows: ${rows || '(no product tables)'}`,
        ...(report.movedAside ? [`  the database that was there is kept in ${report.movedAside}`] : []),
        '  start the server with npm start',
      ].join('\n') + '\n',
    );
  }
} catch (error) {
  if (error instanceof BackupRefused) process.stderr.write(`restore: ${error.zh}\nrestore: ${error.en}\n`);
  else log.error('restore failed', error);
  process.exitCode = 1;
}
