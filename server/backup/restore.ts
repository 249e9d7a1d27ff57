/**
 * A backup restored into a data directory (DATA_DIR layout: postgres/ and the credentials beside it), following
 * PostgreSQL's "Recovering Using a Continuous Archive Backup": checks first (checksums, major version, migration
 * level, the target moment, the target directory), then the base extracted with its backup_label and the WAL the
 * backup holds, recovery.signal, and the cluster started with restore_command (the WAL archive) and, for a point
 * in time, recovery_target_time with promotion there. Returns once recovery has ended and the cluster is open
 * for writes on a new timeline, with the cluster still running.
 *
 * A stopped cluster already in the target is moved aside (postgres.before-restore-<time>), never deleted, and its
 * WAL not yet archived is offered to the recovery, as the documentation advises.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import * as tar from 'tar';
import { binariesVersion, clusterPaths, EmbeddedCluster, osUser } from '../db/embedded-cluster.js';
import { runningPort } from '../db/owner-connection.js';
import { databaseName } from '../db/roles.js';
import { readManifest, verifyChecksums, type BackupManifest } from './backup-manifest.js';
import { BackupRefused } from './backup-refused.js';
import { backupName } from './base-backup.js';
import { countRows } from './row-counts.js';
import { restoreCommand } from './wal-archive.js';
import { isSegmentName } from './wal-names.js';

export type RestoreOptions = {
  /** The backup directory (BACKUP_DIR/base/<name>). */
  from: string;
  /** The DATA_DIR to restore into. */
  dataDir: string;
  /** The WAL archive to replay beyond the backup (BACKUP_DIR/wal); absent: only what the backup holds. */
  walDir?: string;
  /** Stop replay at this moment (and promote there); absent: replay all the WAL there is. */
  until?: Date;
  /** The code's migrations: a backup with one the code lacks is newer than the code. */
  knownMigrations: readonly string[];
  /** Settings of the restored cluster's start (its WAL archiving). */
  settings?: Record<string, string>;
  /** How long recovery may take. */
  timeoutMs?: number;
};

export type RestoreReport = {
  manifest: BackupManifest;
  cluster: EmbeddedCluster;
  /** The time of the last transaction replayed (null if none was). */
  replayedUntil: string | null;
  timeline: number;
  rowCounts: Record<string, number>;
  movedAside?: string;
  seconds: number;
};

/** The checks that need nothing but the backup: refuses a backup that cannot or must not be restored here. */
export async function checkBackup(from: string, knownMigrations: readonly string[], until?: Date): Promise<BackupManifest> {
  const manifest = await readManifest(from);
  await verifyChecksums(from, manifest);
  const binaries = await binariesVersion();
  const major = Math.floor(manifest.serverVersionNum / 10_000);
  if (major !== binaries.major) {
    throw new BackupRefused(
      `该备份来自 PostgreSQL ${manifest.serverVersion}，本机为 ${binaries.text}：主版本不同，不能恢复`,
      `the backup is of PostgreSQL ${manifest.serverVersion} and these binaries are ${binaries.text}: another major version cannot restore it`,
    );
  }
  const unknown = manifest.migrations.applied.filter((name) => !knownMigrations.includes(name));
  if (unknown.length) {
    throw new BackupRefused(
      `该备份的数据库结构比本程序新（程序没有迁移 ${unknown.join(', ')}）：请先升级程序`,
      `the backup's schema is newer than this code (it lacks migration(s) ${unknown.join(', ')}): upgrade the code first`,
    );
  }
  if (until && until.getTime() < new Date(manifest.stoppedAt).getTime()) {
    throw new BackupRefused(`--until 早于该备份完成的时刻（${manifest.stoppedAt}）：请选更早的备份`, `--until is before this backup ended (${manifest.stoppedAt}): choose an older backup`);
  }
  return manifest;
}

/** The target's cluster moved aside if stopped; refused if it runs. Returns where it went. */
async function clearTarget(dataDir: string): Promise<string | undefined> {
  const { pgdata } = clusterPaths(dataDir);
  const entries = await fsp.readdir(pgdata).catch(() => [] as string[]);
  if (!entries.length) return undefined;
  const port = await runningPort(dataDir);
  if (port) {
    throw new BackupRefused(`${pgdata} 中的数据库正在运行（端口 ${port}）：请先停止服务，再恢复`, `the database in ${pgdata} is running (port ${port}): stop the server before restoring`);
  }
  const aside = `${pgdata}.before-restore-${backupName(new Date())}`;
  await fsp.rename(pgdata, aside);
  for (const file of ['postgres-credentials.json', 'postgres-roles.json']) {
    await fsp.rename(path.join(dataDir, file), path.join(path.dirname(aside), `${path.basename(aside)}.${file}`)).catch(() => undefined);
  }
  return aside;
}

/**
 * Copies the old cluster's segments the new pg_wal lacks, but only of timelines the archive knows (the first, or
 * one whose history file is archived): a cluster of another lineage (a restore that never archived) would lead
 * recovery onto its timeline, away from the archive's.
 */
async function offerUnarchivedWal(oldWal: string, walTarget: string, walDir: string): Promise<void> {
  const archived = await fsp.readdir(walDir).catch(() => [] as string[]);
  const timelines = new Set(['00000001', ...archived.filter((file) => /^[0-9A-F]{8}\.history\.gz$/.test(file)).map((file) => file.slice(0, 8))]);
  const present = new Set(await fsp.readdir(walTarget));
  for (const file of await fsp.readdir(oldWal).catch(() => [] as string[])) {
    if (isSegmentName(file) && timelines.has(file.slice(0, 8)) && !present.has(file)) await fsp.copyFile(path.join(oldWal, file), path.join(walTarget, file));
  }
}

/** A moment as recovery_target_time takes it: numeric offset only (it refuses zone abbreviations, Z included). */
const postgresTimestamp = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '+00');

async function gunzipTo(source: string, target: string): Promise<void> {
  await pipeline(fs.createReadStream(source), zlib.createGunzip(), fs.createWriteStream(target, { mode: 0o600 }));
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const began = Date.now();
  const manifest = await checkBackup(options.from, options.knownMigrations, options.until);
  const movedAside = await clearTarget(options.dataDir);
  const paths = clusterPaths(options.dataDir);
  const user = await osUser();
  const owner = user.uid !== undefined ? { uid: user.uid, gid: user.gid! } : {};

  await fsp.mkdir(paths.pgdata, { recursive: true, mode: 0o700 });
  await tar.x({ file: path.join(options.from, 'base.tar.gz'), cwd: paths.pgdata, ...owner });
  await fsp.chmod(paths.pgdata, 0o700);
  const walTarget = path.join(paths.pgdata, 'pg_wal');
  await fsp.mkdir(path.join(walTarget, 'archive_status'), { recursive: true, mode: 0o700 });
  for (const file of manifest.wal.files) await gunzipTo(path.join(options.from, 'wal', file), path.join(walTarget, file.replace(/\.gz$/, '')));
  // WAL the old cluster wrote but had not archived yet: recovery reads it after the archive's (docs, step 6).
  if (movedAside && options.walDir) await offerUnarchivedWal(path.join(movedAside, 'pg_wal'), walTarget, options.walDir);
  await fsp.copyFile(path.join(options.from, 'backup_label'), path.join(paths.pgdata, 'backup_label'));
  if (manifest.files.tablespace_map) await fsp.copyFile(path.join(options.from, 'tablespace_map'), path.join(paths.pgdata, 'tablespace_map'));
  await fsp.writeFile(path.join(paths.pgdata, 'recovery.signal'), '', { mode: 0o600 });
  for (const file of ['postgres-credentials.json', 'postgres-roles.json']) {
    await fsp.copyFile(path.join(options.from, file), path.join(options.dataDir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  if (user.uid !== undefined) await chownTree(paths.pgdata, user.uid, user.gid!);

  const recovery: Record<string, string> = {
    // Without an archive, only the backup's own WAL (already in pg_wal) is replayed.
    restore_command: options.walDir ? restoreCommand(options.walDir) : 'false',
    ...(options.until ? { recovery_target_time: postgresTimestamp(options.until), recovery_target_action: 'promote', recovery_target_inclusive: 'false' } : {}),
  };
  const timeoutMs = options.timeoutMs ?? 3_600_000;
  let cluster: EmbeddedCluster;
  try {
    cluster = await EmbeddedCluster.start(options.dataDir, { settings: { ...options.settings, ...recovery }, readyTimeoutMs: timeoutMs });
  } catch (error) {
    throw new BackupRefused(`恢复失败，数据库未能启动：${(error as Error).message}`, `the restore failed: the database did not start: ${(error as Error).message}`);
  }
  const client = new pg.Client(cluster.connectionOptions('postgres'));
  try {
    await client.connect();
    const deadline = Date.now() + timeoutMs;
    while ((await client.query('select pg_is_in_recovery() as recovering')).rows[0].recovering) {
      if (Date.now() > deadline) throw new Error(`recovery still running after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The timeline WAL is now written on (the control file's checkpoint may not show the promotion yet).
    const state = await client.query<{ replayed: Date | null; timeline: number }>(
      `select pg_last_xact_replay_timestamp() as replayed, ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int as timeline`,
    );
    const rowCounts = await restoredRowCounts(cluster);
    return { manifest, cluster, replayedUntil: state.rows[0].replayed?.toISOString() ?? null, timeline: state.rows[0].timeline, rowCounts, movedAside, seconds: (Date.now() - began) / 1000 };
  } catch (error) {
    await client.end().catch(() => undefined);
    const tail = await cluster.logTail();
    await cluster.stop();
    throw new BackupRefused(`恢复未能完成：${(error as Error).message}（${tail}）`, `the restore did not complete: ${(error as Error).message} (${tail})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The counted tables' rows in the restored product database (none if it has no such database). */
async function restoredRowCounts(cluster: EmbeddedCluster): Promise<Record<string, number>> {
  const client = new pg.Client(cluster.connectionOptions(databaseName));
  const connected = await client.connect().then(
    () => true,
    () => false,
  );
  if (!connected) return {};
  try {
    return await countRows(client);
  } finally {
    await client.end();
  }
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await fsp.chown(dir, uid, gid);
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await fsp.chown(full, uid, gid);
  }
}
