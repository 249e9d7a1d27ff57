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
 *
 * BENCH_BACKUP_KIND=logical measures the external database's logical backup instead (logical-backup.ts): the data
 * directory's cluster plays the external server, reached as its owner role over SQL; the backup, its
 * verification (a throwaway embedded cluster) and a restore into the empty database of another new cluster in the
 * scratch directory. MB/s are then of the backup's uncompressed rows' size as PostgreSQL reports the tables.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { backupEmbeddedDatabase } from '../../server/backup/backup-embedded.js';
import { takeLogicalBackup } from '../../server/backup/logical-backup.js';
import { restoreLogicalBackup } from '../../server/backup/logical-restore.js';
import { restoreBackup } from '../../server/backup/restore.js';
import { shownPath } from '../../server/backup/shown-path.js';
import { verifyBackup } from '../../server/backup/verify-backup.js';
import { prepareBackupDir, walArchiveDir, walArchiveSettings } from '../../server/backup/wal-archive.js';
import { projectRoot, readConfig } from '../../server/config.js';
import { clusterPaths, EmbeddedCluster, osUser } from '../../server/db/embedded-cluster.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { databaseName, ensureRolesAndDatabase, ownerRoleName, rolePasswords } from '../../server/db/roles.js';

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

/** The logical kind: the data directory's cluster as the external database (archiving into the scratch, as above). */
async function benchLogical(): Promise<boolean> {
  const backupDir = path.join(scratch, 'backups');
  await prepareBackupDir(backupDir, await osUser());
  const source = await EmbeddedCluster.start(dataDir, { settings: walArchiveSettings(walArchiveDir(backupDir), 0) });
  let backup;
  let tableBytes;
  try {
    const passwords = await rolePasswords(path.join(dataDir, 'postgres-roles.json'));
    const ownerUrl = source.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
    backup = await takeLogicalBackup({ connectionString: ownerUrl, backupDir });
    const probe = new pg.Client({ connectionString: ownerUrl });
    await probe.connect();
    const names = backup.manifest.tables.map((table) => table.name);
    tableBytes = Number(
      (await probe.query(`select sum(pg_table_size(c.oid))::bigint as bytes from pg_class c where c.relname = any($1) and c.relnamespace = 'public'::regnamespace`, [names])).rows[0].bytes,
    );
    await probe.end();
  } finally {
    await source.stop();
  }
  const backupBytes = Object.values(backup.manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  const rows = Object.values(backup.manifest.rowCounts).reduce((sum, count) => sum + count, 0);
  out(`logical: ${backup.manifest.tables.length} tables, ${megabytes(tableBytes).toFixed(0)} MB of table data in PostgreSQL`);
  report('backup', backup.seconds, tableBytes, `${megabytes(backupBytes).toFixed(1)} MB written (gzipped COPY), ${rows.toLocaleString('en-US')} rows`);

  const verification = await verifyBackup({ from: backup.dir, scratchDir: path.join(scratch, 'verify'), knownMigrations });
  report('verify', verification.seconds, tableBytes, verification.ok ? `passed; ${verification.auditEntries ?? 0} audit entries chained` : `FAILED: ${verification.problems.join('; ')}`);

  // Into the empty database of a new cluster (its start not counted: an external server is already running).
  const target = await EmbeddedCluster.start(path.join(scratch, 'restored'), { settings: walArchiveSettings(undefined, 0) });
  try {
    const passwords = { owner: crypto.randomBytes(12).toString('hex'), app: crypto.randomBytes(12).toString('hex') };
    await ensureRolesAndDatabase(target.connectionOptions('postgres'), passwords);
    const restored = await restoreLogicalBackup({ from: backup.dir, ownerUrl: target.url({ user: ownerRoleName, password: passwords.owner }, databaseName), knownMigrations });
    report(
      'restore',
      restored.seconds,
      tableBytes,
      `${Object.values(restored.rowCounts)
        .reduce((sum, count) => sum + count, 0)
        .toLocaleString('en-US')} rows loaded`,
    );
  } finally {
    await target.stop();
  }
  return verification.ok;
}

try {
  const pgdata = clusterPaths(dataDir).pgdata;
  if (!(await fs.stat(path.join(pgdata, 'PG_VERSION')).catch(() => undefined))) throw new Error(`no database in ${pgdata}: set BENCH_DATA_DIR (npm run bench:metrics makes the national set)`);
  await fs.mkdir(scratch, { mode: 0o700 });
  await fs.chmod(scratch, 0o711); // as root, PostgreSQL runs as the postgres user, who must reach the clusters made here
  const dataBytes = await treeBytes(pgdata);
  out(`data directory ${shownPath(dataDir)}: ${megabytes(dataBytes).toFixed(0)} MB; scratch ${scratch}`);
  if (process.env.BENCH_BACKUP_KIND === 'logical') {
    if (!(await benchLogical())) process.exitCode = 1;
  } else {
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
  }
} catch (error) {
  process.stderr.write(`bench:backup failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await fs.rm(scratch, { recursive: true, force: true });
}
