/**
 * `npm run bench:backup`: how long the product's backup, its verification and a restore take on a real data
 * directory — by default the national set of `npm run bench:metrics` (BENCH_DATA_DIR, .data/bench-national,
 * about 8 GB) — with seconds and MB/s of each (MB/s of the data directory's size, the work each one does).
 *
 * The data directory's cluster must be stopped; it is started for the backup with WAL archiving into the
 * scratch directory and stopped after; its records do not change (the archiving settings are the start's, not its
 * configuration; only its pg_wal and statistics move, as with any start). Everything written — the backup, its archive, the verification's and the restore's clusters —
 * goes into a new scratch directory beside the data directory (same disk; or under BENCH_SCRATCH_DIR),
 * removed at the end whatever happened.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { backupEmbeddedDatabase } from '../../server/backup/backup-embedded.js';
import { restoreBackup } from '../../server/backup/restore.js';
import { shownPath } from '../../server/backup/shown-path.js';
import { verifyBackup } from '../../server/backup/verify-backup.js';
import { walArchiveDir, walArchiveSettings } from '../../server/backup/wal-archive.js';
import { projectRoot, readConfig } from '../../server/config.js';
import { clusterPaths } from '../../server/db/embedded-cluster.js';
import { migrationsList } from '../../server/db/migrations/index.js';

const dataDir = path.resolve(projectRoot, process.env.BENCH_DATA_DIR ?? '.data/bench-national');
/** A new directory of its own, under BENCH_SCRATCH_DIR or beside the data directory: only it is removed. */
const scratch = path.join(path.resolve(process.env.BENCH_SCRATCH_DIR ?? path.dirname(dataDir)), `.bench-backup-${crypto.randomBytes(4).toString('hex')}`);
const knownMigrations = migrationsList.map((migration) => migration.name);

const out = (line: string) => process.stdout.write(`${line}\n`);
const megabytes = (bytes: number) => bytes / 1_048_576;

/** The bytes of every file under `dir`. */
async function treeBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += (await fs.stat(path.join(entry.parentPath, entry.name)).catch(() => undefined))?.size ?? 0;
  }
  return bytes;
}

/** One step's line: its seconds, and MB/s of the data directory's size. */
const report = (step: string, seconds: number, dataBytes: number, extra = '') =>
  out(`${step.padEnd(8)} ${seconds.toFixed(1).padStart(8)} s ${(megabytes(dataBytes) / seconds).toFixed(1).padStart(8)} MB/s${extra ? `  ${extra}` : ''}`);

try {
  const pgdata = clusterPaths(dataDir).pgdata;
  if (!(await fs.stat(path.join(pgdata, 'PG_VERSION')).catch(() => undefined))) throw new Error(`no database in ${pgdata}: set BENCH_DATA_DIR (npm run bench:metrics makes the national set)`);
  await fs.mkdir(scratch, { mode: 0o700 });
  await fs.chmod(scratch, 0o711); // as root, PostgreSQL runs as the postgres user, who must reach the clusters made here
  const dataBytes = await treeBytes(pgdata);
  out(`data directory ${shownPath(dataDir)}: ${megabytes(dataBytes).toFixed(0)} MB; scratch ${scratch}`);

  const defaults = readConfig({});
  const config = {
    ...defaults,
    dataDir,
    databaseUrl: undefined,
    databaseOwnerUrl: undefined,
    backup: { ...defaults.backup, dir: path.join(scratch, 'backups'), walArchive: true, archiveTimeoutMinutes: 0 },
  };
  const backup = await backupEmbeddedDatabase(config);
  const backupBytes = Object.values(backup.manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  const rows = Object.values(backup.manifest.rowCounts).reduce((sum, count) => sum + count, 0);
  report('backup', backup.seconds, dataBytes, `${megabytes(backupBytes).toFixed(0)} MB written (${((100 * backupBytes) / dataBytes).toFixed(0)} %), ${rows.toLocaleString('en-US')} rows counted`);

  const verification = await verifyBackup({ from: backup.dir, scratchDir: path.join(scratch, 'verify'), knownMigrations });
  report('verify', verification.seconds, dataBytes, verification.ok ? `passed; ${verification.auditEntries ?? 0} audit entries chained` : `FAILED: ${verification.problems.join('; ')}`);

  const restored = await restoreBackup({
    from: backup.dir,
    dataDir: path.join(scratch, 'restored'),
    walDir: walArchiveDir(config.backup.dir),
    knownMigrations,
    settings: walArchiveSettings(undefined, 0),
  });
  await restored.cluster.stop();
  report('restore', restored.seconds, dataBytes, `replayed until ${restored.replayedUntil ?? '(the backup’s end)'}`);
  if (!verification.ok) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`bench:backup failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await fs.rm(scratch, { recursive: true, force: true });
}
