/**
 * `npm run restore -- --from BACKUP_DIR/base/<name> [--until "2025-03-01 14:30"] [--data DIR]`: restores a
 * backup into DATA_DIR (or --data), which must hold no running database (a stopped one is moved aside), replays
 * the WAL archive to its end or to the given moment (China time unless an offset is given), reports what it
 * restored and stops the cluster: `npm start` then serves the restored data. Exit 1 with the reason on refusal.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { migrationsList } from '../db/migrations/index.js';
import { BackupRefused } from './backup-refused.js';
import { shownPath } from './shown-path.js';
import { parseUntil } from './recovery-target.js';
import { restoreBackup } from './restore.js';
import { embeddedArchiveSettings, walArchiveDir, walArchiveSettings } from './wal-archive.js';

const config = readConfig();
try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, until: { type: 'string' }, data: { type: 'string' } } });
  if (!values.from) throw new BackupRefused('请用 --from 指定要恢复的备份目录（BACKUP_DIR/base/<时间>）', 'name the backup to restore with --from (a directory BACKUP_DIR/base/<time>)');
  const dataDir = values.data ? path.resolve(process.cwd(), values.data) : config.dataDir;
  const report = await restoreBackup({
    from: path.resolve(process.cwd(), values.from),
    dataDir,
    walDir: walArchiveDir(config.backup.dir),
    until: values.until ? parseUntil(values.until) : undefined,
    knownMigrations: migrationsList.map((migration) => migration.name),
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
      `  last transaction replayed: ${report.replayedUntil ?? '(none after the backup)'}${values.until ? ` (target ${parseUntil(values.until).toISOString()})` : ''}; now on timeline ${report.timeline}`,
      `  rows: ${rows || '(no product tables)'}`,
      ...(report.movedAside ? [`  the database that was there is kept in ${report.movedAside}`] : []),
      '  start the server with npm start',
    ].join('\n') + '\n',
  );
} catch (error) {
  if (error instanceof BackupRefused) process.stderr.write(`restore: ${error.zh}\nrestore: ${error.en}\n`);
  else log.error('restore failed', error);
  process.exitCode = 1;
}
