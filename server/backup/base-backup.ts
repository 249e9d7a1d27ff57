/**
 * A consistent online base backup with PostgreSQL's low-level API, on one superuser connection:
 * pg_backup_start, the data directory copied into base.tar.gz while requests flow, pg_backup_stop (which waits
 * until the last WAL segment the backup needs is archived), then the returned backup_label, the WAL segments
 * from the backup's start to its stop (so the backup restores without the archive) and the manifest.
 * The backup is written under BACKUP_DIR/base/<name>.partial and renamed when complete, so a directory
 * without that suffix is always a finished backup.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrationsTable } from '../db/orm.config.js';
import { log } from '../log.js';
import { BackupRefused } from './backup-refused.js';
import { fileDigest, manifestFormat, writeManifest, type AnyBackupManifest, type BackupManifest } from './backup-manifest.js';
import { writeDataDirTar } from './data-dir-tar.js';
import { countRows } from './row-counts.js';
import { archiveCommand, walArchiveDir } from './wal-archive.js';
import { segmentsBetween } from './wal-names.js';

export const baseBackupsDir = (backupDir: string) => path.join(backupDir, 'base');

/** A sortable name of the moment, in UTC: 20261206T193100Z (milliseconds added only to tell two apart). */
export function backupName(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export type BaseBackupOptions = {
  /** A superuser connection to the cluster, in the database whose rows are counted. */
  connection: pg.ClientConfig;
  pgdata: string;
  backupDir: string;
  /** Files copied into the backup as they are: the embedded cluster's credentials, which a restore puts back. */
  extraFiles?: string[];
  now?: Date;
  /** Aborts the copy (and so the backup: its session ends with it). */
  signal?: AbortSignal;
};

export type BaseBackupResult = { dir: string; manifest: BackupManifest; seconds: number };

/** fsync of a file or a directory (a directory's, so a rename or a new entry in it is durable). */
export async function syncPath(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  await handle.sync().finally(() => handle.close());
}

/**
 * A finished backup made visible, durably and at once: its manifest written and synced, then its partial directory
 * renamed to its name (a backup without a manifest, or under its partial name, is never listed as one).
 */
export async function publishBackup(dir: string, finalDir: string, backupDir: string, manifest: AnyBackupManifest): Promise<void> {
  await writeManifest(dir, manifest);
  await syncPath(dir);
  await fsp.rename(dir, finalDir);
  await syncPath(baseBackupsDir(backupDir));
}

/** Copies a file and syncs the copy; false when the source does not exist. */
async function copySynced(source: string, target: string): Promise<boolean> {
  try {
    await fsp.copyFile(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await syncPath(target);
  return true;
}

export async function takeBaseBackup(options: BaseBackupOptions): Promise<BaseBackupResult> {
  const began = Date.now();
  const startedAt = options.now ?? new Date();
  const walDir = walArchiveDir(options.backupDir);
  const client = new pg.Client({ ...options.connection, application_name: 'crc-backup' });
  await client.connect();
  const setting = async (name: string) => String((await client.query<{ value: string }>(`select current_setting($1) as value`, [name])).rows[0].value);
  try {
    if ((await setting('archive_mode')) !== 'on' || (await setting('archive_command')) !== archiveCommand(walDir)) {
      throw new BackupRefused(
        `数据库未把 WAL 归档到 ${walDir}：请重启服务（npm start）使归档设置生效（WAL_ARCHIVE 不可为 off）`,
        `the database does not archive its WAL into ${walDir}: restart the server (npm start) so it takes the archiving settings (WAL_ARCHIVE must not be off)`,
      );
    }
    await refuseFailingArchiver(client);
    // pg_backup_stop waits for the archiver, warning every minute; say so rather than seem to hang.
    client.on('notice', (notice) => (notice.severity === 'WARNING' ? log.warn : log.debug)(`backup: ${notice.message}`));
    const name = backupName(startedAt);
    const finalDir = path.join(baseBackupsDir(options.backupDir), name);
    const dir = `${finalDir}.partial`;
    if (await fsp.stat(finalDir).catch(() => undefined)) throw new BackupRefused(`备份 ${name} 已存在`, `a backup named ${name} exists already`);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      const segmentBytes = Number((await client.query(`select pg_size_bytes(current_setting('wal_segment_size')) as bytes`)).rows[0].bytes);
      const label = `crc ${name}`;
      await client.query(`select pg_backup_start(label => $1, fast => true)`, [label]);
      const base = await writeDataDirTar(options.pgdata, path.join(dir, 'base.tar.gz'), options.signal);
      const { rowCounts, migrations } = await describeDatabase(client);
      const holdsCommitsBefore = new Date();
      const stop = (
        await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null; stop_file: string }>(
          `select lsn::text as lsn, labelfile, spcmapfile, pg_walfile_name(lsn) as stop_file from pg_backup_stop(wait_for_archive => true)`,
        )
      ).rows[0];
      const stoppedAt = new Date();
      await fsp.writeFile(path.join(dir, 'backup_label'), stop.labelfile, { mode: 0o600 });
      if (stop.spcmapfile) await fsp.writeFile(path.join(dir, 'tablespace_map'), stop.spcmapfile, { mode: 0o600 });
      const start = /START WAL LOCATION: (\S+) \(file ([0-9A-F]{24})\)/.exec(stop.labelfile);
      const timeline = Number(/START TIMELINE: (\d+)/.exec(stop.labelfile)?.[1]);
      if (!start || !timeline) throw new Error(`pg_backup_stop returned a backup_label this code cannot read: ${stop.labelfile}`);

      // The segments that make the copy consistent, from the archive (pg_backup_stop waited for the last one).
      await fsp.mkdir(path.join(dir, 'wal'), { mode: 0o700 });
      const needed = segmentsBetween(start[2], stop.stop_file, segmentBytes);
      if (timeline > 1) needed.unshift(`${timeline.toString(16).toUpperCase().padStart(8, '0')}.history`);
      const walFiles: string[] = [];
      for (const segment of needed) {
        const source = path.join(walDir, `${segment}.gz`);
        const copied = await copySynced(source, path.join(dir, 'wal', `${segment}.gz`));
        if (copied) walFiles.push(`${segment}.gz`);
        else if (!segment.endsWith('.history')) throw new Error(`WAL segment ${segment} is not in the archive ${walDir}, though pg_backup_stop waited for it`);
      }

      const extra: string[] = [];
      for (const file of options.extraFiles ?? []) if (await copySynced(file, path.join(dir, path.basename(file)))) extra.push(path.basename(file));
      const files: BackupManifest['files'] = { 'base.tar.gz': base };
      for (const file of [...extra, 'backup_label', ...(stop.spcmapfile ? ['tablespace_map'] : []), ...walFiles.map((wal) => `wal/${wal}`)]) files[file] = await fileDigest(path.join(dir, file));
      const version = await client.query<{ version: string; num: string }>(`select current_setting('server_version') as version, current_setting('server_version_num') as num`);
      const manifest: BackupManifest = {
        format: manifestFormat,
        name,
        label,
        startedAt: startedAt.toISOString(),
        holdsCommitsBefore: holdsCommitsBefore.toISOString(),
        stoppedAt: stoppedAt.toISOString(),
        serverVersion: version.rows[0].version,
        serverVersionNum: Number(version.rows[0].num),
        migrations,
        timeline,
        wal: { startLsn: start[1], stopLsn: stop.lsn, startFile: start[2], stopFile: stop.stop_file, segmentBytes, files: walFiles },
        rowCounts,
        files,
      };
      await syncPath(path.join(dir, 'wal'));
      await publishBackup(dir, finalDir, options.backupDir, manifest);
      return { dir: finalDir, manifest, seconds: (Date.now() - began) / 1000 };
    } catch (error) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw error;
    }
  } finally {
    // Closing the session ends a backup still in progress (non-exclusive mode), so a failure leaves none behind.
    await client.end().catch(() => undefined);
  }
}

/**
 * A failing archive command (a full or unreachable BACKUP_DIR) would leave pg_backup_stop waiting for ever:
 * refuse before starting, naming the segment and where PostgreSQL logged why.
 */
async function refuseFailingArchiver(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ failing: boolean; wal: string | null }>(
    `select last_failed_time is not null and (last_archived_time is null or last_failed_time > last_archived_time) as failing, last_failed_wal as wal from pg_stat_archiver`,
  );
  if (rows[0].failing) {
    throw new BackupRefused(
      `WAL 归档失败（最近一次：${rows[0].wal}）：原因见 postgres.log；备份目录是否已满或不可写？`,
      `WAL archiving is failing (last: ${rows[0].wal}): see postgres.log for why; is the backup directory full or not writable?`,
    );
  }
}

/** Row counts of the main tables and the migrations applied, in one snapshot. */
async function describeDatabase(client: pg.Client): Promise<Pick<BackupManifest, 'rowCounts' | 'migrations'>> {
  await client.query('begin isolation level repeatable read read only');
  try {
    const rowCounts = await countRows(client);
    const hasMigrations = (await client.query(`select to_regclass($1) is not null as present`, [migrationsTable])).rows[0].present as boolean;
    const applied = hasMigrations ? (await client.query<{ name: string }>(`select name from ${migrationsTable} order by id`)).rows.map((row) => row.name) : [];
    return { rowCounts, migrations: { applied, last: applied.at(-1) ?? null } };
  } finally {
    await client.query('commit');
  }
}
