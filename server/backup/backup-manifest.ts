/**
 * A backup's manifest.json: what the backup is (when, of which server and migration level, between which WAL
 * positions, or of which tables for a logical backup) and the sha256 of each of its files, so that a restore
 * refuses a corrupted, truncated or incomplete backup before it touches anything.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BackupRefused } from './backup-refused.js';
import { hashingPassThrough } from './data-dir-tar.js';
import { Writable } from 'node:stream';

export const manifestName = 'manifest.json';
export const manifestFormat = 1;

/** A physical backup (the embedded cluster's data directory and WAL); manifests written before kinds existed have none. */
/** What every backup's manifest says, whatever its kind. */
type ManifestCommon = {
  format: typeof manifestFormat;
  /** The directory name under BACKUP_DIR/base, e.g. 20261206T193100Z. */
  name: string;
  label: string;
  startedAt: string;
  /** Every transaction committed before this moment is in the backup (physical: when pg_backup_stop was called; logical: the snapshot). */
  holdsCommitsBefore: string;
  /** When the backup ended (physical: pg_backup_stop returned, a point in time can be recovered from here on). */
  stoppedAt: string;
  serverVersion: string;
  serverVersionNum: number;
  /** The last applied migration and how many were applied (the code's must include every one). */
  migrations: { applied: string[]; last: string | null };
  /** Every file of the backup but this manifest, with its size and sha256. */
  files: Record<string, { bytes: number; sha256: string }>;
};

export type BackupManifest = ManifestCommon & {
  kind?: 'physical';
  timeline: number;
  wal: { startLsn: string; stopLsn: string; startFile: string; stopFile: string; segmentBytes: number; files: string[] };
  /** Rows of the main tables in a snapshot taken just before pg_backup_stop (a restore holds at least these, less deletions since). */
  rowCounts: Record<string, number>;
};

/** A table's rows in a logical backup: its file (COPY text format, gzipped), the columns in the file's order, how many rows. */
export type LogicalTable = { name: string; file: string; columns: string[]; rows: number };

/**
 * A logical backup of an external database (logical-backup.ts): every product table's rows as of one snapshot
 * (`holdsCommitsBefore`: every transaction committed before it is in the backup, none committed after), in an
 * order that satisfies the foreign keys, and the sequences' values. No WAL: it restores to that moment only.
 */
export type LogicalManifest = ManifestCommon & {
  kind: 'logical';
  /** In load order (a table after every table it references). */
  tables: LogicalTable[];
  /** Values as `setval` takes them (bigint as a decimal string). */
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** Tables not backed up, by design (logical-tables.ts says why). */
  leftOut: string[];
  /** Every backed-up table's exact rows in the snapshot. */
  rowCounts: Record<string, number>;
};

export type AnyBackupManifest = BackupManifest | LogicalManifest;

export const isLogical = (manifest: AnyBackupManifest): manifest is LogicalManifest => manifest.kind === 'logical';

/** The sha256 and size of a file, streamed. */
export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const sink = new Writable({
    write(data: Buffer, _encoding, done) {
      bytes += data.length;
      done();
    },
  });
  await pipeline(fs.createReadStream(file), hashingPassThrough(hash), sink);
  return { bytes, sha256: hash.digest('hex') };
}

export async function writeManifest(dir: string, manifest: AnyBackupManifest): Promise<void> {
  const file = path.join(dir, manifestName);
  await fsp.writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const handle = await fsp.open(file, 'r');
  await handle.sync();
  await handle.close();
}

/** The manifest of the backup in `dir`, of either kind, or a refusal saying why there is none to trust. */
export async function readAnyManifest(dir: string): Promise<AnyBackupManifest> {
  const text = await fsp.readFile(path.join(dir, manifestName), 'utf8').catch(() => undefined);
  if (text === undefined) throw new BackupRefused(`${dir} 不是完整的备份（缺少 manifest.json）`, `${dir} is not a complete backup (no manifest.json)`);
  let manifest: AnyBackupManifest;
  try {
    manifest = JSON.parse(text) as AnyBackupManifest;
    if (manifest.format !== manifestFormat || !manifest.files || (manifest.kind !== undefined && manifest.kind !== 'physical' && manifest.kind !== 'logical')) throw new Error('unknown format');
  } catch {
    throw new BackupRefused(`${dir} 的 manifest.json 无法读取`, `${dir}: manifest.json is unreadable or of an unknown format`);
  }
  return manifest;
}

/** The manifest of the physical backup in `dir`; a logical one is refused, saying where it restores. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  const manifest = await readAnyManifest(dir);
  if (isLogical(manifest)) {
    throw new BackupRefused(
      `${dir} 是外部数据库的逻辑备份：它只能恢复到外部数据库（设置 DATABASE_URL 和 DATABASE_OWNER_URL 后 npm run restore）`,
      `${dir} is a logical backup of an external database: it restores only into an external database (npm run restore with DATABASE_URL and DATABASE_OWNER_URL set)`,
    );
  }
  return manifest;
}

/** Checks every file the manifest lists: present, of its size, of its sha256. Refuses on the first that is not. */
export async function verifyChecksums(dir: string, manifest: AnyBackupManifest): Promise<void> {
  for (const [name, expected] of Object.entries(manifest.files)) {
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => undefined);
    if (!stat) throw new BackupRefused(`备份不完整：缺少 ${name}`, `the backup is incomplete: ${name} is missing`);
    if (stat.size !== expected.bytes) {
      throw new BackupRefused(
        `备份已损坏：${name} 应为 ${expected.bytes} 字节，实为 ${stat.size} 字节（被截断或改动）`,
        `the backup is corrupted: ${name} has ${stat.size} bytes, not ${expected.bytes} (truncated or altered)`,
      );
    }
    const actual = await fileDigest(file);
    if (actual.sha256 !== expected.sha256) throw new BackupRefused(`备份已损坏：${name} 的校验和不符`, `the backup is corrupted: the checksum of ${name} does not match`);
  }
}
