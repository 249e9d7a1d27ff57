/**
 * The state of the backups, for the console's administrator page: the finished backups under BACKUP_DIR/base
 * (their manifests and verification.json), the archived WAL, the last failed backup (backup-failure.ts) and
 * PostgreSQL's own account of archiving (pg_stat_archiver: a failing archive_command is the first sign of a full
 * or lost backup disk). Nothing is written; a backup directory that cannot be read is reported as a failure,
 * not thrown. An external database (DATABASE_URL) has no product-run archive: its logical backups under BACKUP_DIR
 * (`npm run backup`, kind 'logical') are listed with its own archiver's account; its PITR is its own business.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { readBackupFailure, type BackupFailure } from './backup-failure.js';
import { isLogical, readAnyManifest, type AnyBackupManifest } from './backup-manifest.js';
import { baseBackupsDir } from './base-backup.js';
import { verificationName, type Verification } from './verify-backup.js';
import { walArchiveDir } from './wal-archive.js';

/**
 * Where the backups are: the product's own (embedded cluster), or an external database's — whose logical backups,
 * if `npm run backup` is run against it, are under `backupDir` (absent: none are looked for).
 */
export type BackupPlace = { embedded: false; dataDir?: string; backupDir?: string } | { embedded: true; dataDir: string; backup: Pick<Config['backup'], 'dir' | 'walArchive'> };

export const externalDatabase: BackupPlace = { embedded: false };

export function backupPlaceOf(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'backup'>): BackupPlace {
  return config.databaseUrl ? { embedded: false, dataDir: config.dataDir, backupDir: config.backup.dir } : { embedded: true, dataDir: config.dataDir, backup: config.backup };
}

export type BackupSummary = {
  name: string;
  /** physical: the embedded cluster's files and WAL; logical: an external database's tables as of one snapshot. */
  kind: 'physical' | 'logical';
  /** When the backup started, and when every transaction committed before is in it. */
  at: Date;
  holdsCommitsBefore: Date;
  /** When pg_backup_stop returned: a restore can reach any moment from here on. */
  stoppedAt: Date;
  sizeBytes: number;
  serverVersion: string;
  migration: string | null;
  /** A physical backup's WAL range (null for a logical backup, which has none). */
  walFrom: string | null;
  walTo: string | null;
  /** The last `npm run backup:verify` of this backup, if any. */
  verifiedAt: Date | null;
  verified: boolean | null;
  verificationProblems: string[];
};

export type WalArchiving = {
  archivedCount: number;
  lastArchivedWal: string | null;
  lastArchivedAt: Date | null;
  failedCount: number;
  lastFailedWal: string | null;
  lastFailedAt: Date | null;
  /** The last attempt failed (no success since): PostgreSQL keeps the segments and retries. */
  failing: boolean;
};

export type BackupStatus = {
  embedded: boolean;
  /** The product backs up (embedded cluster, WAL_ARCHIVE not off). */
  enabled: boolean;
  dir: string | null;
  /** Newest first. */
  backups: BackupSummary[];
  totalBytes: number;
  walArchiveBytes: number;
  /** Free space on BACKUP_DIR's disk. */
  freeBytes: number | null;
  /** The earliest moment a restore can reach (the oldest backup's end). */
  recoverableFrom: Date | null;
  lastFailure: BackupFailure | null;
  archiving: WalArchiving | null;
};

/** Runs one SQL query (the server's read pool). */
export type QueryRows = <T>(text: string) => Promise<T[]>;

async function readVerification(dir: string): Promise<Verification | undefined> {
  const text = await fsp.readFile(path.join(dir, verificationName), 'utf8').catch(() => undefined);
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Verification);
  } catch {
    return undefined;
  }
}

export function summarize(manifest: AnyBackupManifest, verification: Verification | undefined): BackupSummary {
  const logical = isLogical(manifest);
  return {
    name: manifest.name,
    kind: logical ? 'logical' : 'physical',
    at: new Date(manifest.startedAt),
    holdsCommitsBefore: new Date(manifest.holdsCommitsBefore),
    stoppedAt: new Date(manifest.stoppedAt),
    sizeBytes: Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0),
    serverVersion: manifest.serverVersion,
    migration: manifest.migrations.last,
    walFrom: logical ? null : manifest.wal.startFile,
    walTo: logical ? null : manifest.wal.stopFile,
    verifiedAt: verification ? new Date(verification.at) : null,
    verified: verification ? verification.ok : null,
    verificationProblems: verification?.problems ?? [],
  };
}

async function directoryBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await fsp.stat(path.join(dir, entry.name)).catch(() => undefined))?.size ?? 0;
  }
  return bytes;
}

async function readArchiving(rows: QueryRows): Promise<WalArchiving> {
  const [row] = await rows<{
    archived_count: string;
    last_archived_wal: string | null;
    last_archived_time: Date | null;
    failed_count: string;
    last_failed_wal: string | null;
    last_failed_time: Date | null;
  }>(`select archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time from pg_stat_archiver`);
  return {
    archivedCount: Number(row.archived_count),
    lastArchivedWal: row.last_archived_wal,
    lastArchivedAt: row.last_archived_time,
    failedCount: Number(row.failed_count),
    lastFailedWal: row.last_failed_wal,
    lastFailedAt: row.last_failed_time,
    failing: row.last_failed_time !== null && (row.last_archived_time === null || row.last_failed_time > row.last_archived_time),
  };
}

/** The finished backups under `dir`/base, newest first. */
async function readBackups(dir: string): Promise<BackupSummary[]> {
  const base = baseBackupsDir(dir);
  const backups: BackupSummary[] = [];
  const names = await fsp.readdir(base).catch(() => [] as string[]);
  for (const name of names.filter((entry) => !entry.endsWith('.partial'))) {
    const manifest = await readAnyManifest(path.join(base, name)).catch(() => undefined);
    if (manifest) backups.push(summarize(manifest, await readVerification(path.join(base, name))));
  }
  return backups.sort((a, b) => b.at.getTime() - a.at.getTime());
}

const freeBytes = async (dir: string) => {
  const disk = await fsp.statfs(dir).catch(() => undefined);
  return disk ? disk.bavail * disk.bsize : null;
};

export async function readBackupStatus(place: BackupPlace, rows: QueryRows): Promise<BackupStatus> {
  const archiving = await readArchiving(rows);
  if (!place.embedded) {
    const backups = place.backupDir ? await readBackups(place.backupDir) : [];
    return {
      embedded: false,
      enabled: false,
      dir: place.backupDir ?? null,
      backups,
      totalBytes: backups.reduce((sum, backup) => sum + backup.sizeBytes, 0),
      walArchiveBytes: 0,
      freeBytes: place.backupDir ? await freeBytes(place.backupDir) : null,
      recoverableFrom: null,
      lastFailure: (place.dataDir && (await readBackupFailure(place.dataDir))) || null,
      archiving,
    };
  }
  const { dir } = place.backup;
  const backups = await readBackups(dir);
  const oldest = backups.at(-1);
  return {
    embedded: true,
    enabled: place.backup.walArchive,
    dir,
    backups,
    totalBytes: backups.reduce((sum, backup) => sum + backup.sizeBytes, 0),
    walArchiveBytes: await directoryBytes(walArchiveDir(dir)),
    freeBytes: await freeBytes(dir),
    recoverableFrom: oldest ? oldest.stoppedAt : null,
    lastFailure: (await readBackupFailure(place.dataDir)) ?? null,
    archiving: place.backup.walArchive ? archiving : null,
  };
}
