/**
 * `npm run backup`: an online base backup of the embedded database into BACKUP_DIR/base/<time>/ (base.tar.gz,
 * backup_label, the WAL it needs, manifest.json) — or, with DATABASE_URL set, a logical backup of that external
 * database (one snapshot, a gzipped COPY per table, manifest.json) — then the retention (BACKUP_KEEP_DAILY,
 * BACKUP_KEEP_WEEKLY). Exit 0 with a summary, or 1 with the reason (refusals in Chinese and English).
 */
import 'reflect-metadata';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { backupEmbeddedDatabase } from './backup-embedded.js';
import { backupExternalDatabase } from './backup-external.js';
import { isLogical } from './backup-manifest.js';
import { BackupRefused } from './backup-refused.js';
import { shownPath } from './shown-path.js';

const config = readConfig();
try {
  const outcome = config.databaseUrl ? await backupExternalDatabase(config) : await backupEmbeddedDatabase(config);
  const { manifest } = outcome;
  const megabytes = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0) / 1_048_576;
  const rows = Object.entries(manifest.rowCounts)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  process.stdout.write(
    [
      `备份完成 / backup written: ${shownPath(outcome.dir)}`,
      `  ${megabytes.toFixed(1)} MB in ${outcome.seconds.toFixed(1)} s; PostgreSQL ${manifest.serverVersion}; migration ${manifest.migrations.last ?? '(none)'}`,
      isLogical(manifest)
        ? `  logical (external database): ${manifest.tables.length} tables as of ${manifest.holdsCommitsBefore}, ${manifest.sequences.length} sequences; left out: ${manifest.leftOut.join(', ')}`
        : `  WAL ${manifest.wal.startFile} … ${manifest.wal.stopFile} (${manifest.wal.startLsn} – ${manifest.wal.stopLsn})`,
      `  rows: ${rows || '(no product tables)'}`,
      `  retention: kept ${outcome.retention.kept.length} (${outcome.retention.kept.join(', ')}), removed ${outcome.retention.removed.length} backup(s) and ${outcome.retention.walRemoved} archived WAL file(s)`,
    ].join('\n') + '\n',
  );
} catch (error) {
  if (error instanceof BackupRefused) process.stderr.write(`backup: ${error.zh}\nbackup: ${error.en}\n`);
  else log.error('backup failed', error);
  process.exitCode = 1;
}
