/**
 * Continuous WAL archiving of the embedded cluster into BACKUP_DIR/wal: the settings every start of the cluster
 * passes (so an existing data directory archives from its next start), and the shell commands PostgreSQL runs
 * to archive a finished segment and to fetch one back during a restore. Segments are gzipped (a segment switched
 * by archive_timeout is mostly zeros). The archive command writes a temporary name, syncs it, then renames it,
 * refuses to overwrite a different file of the same name, and exits non-zero on any failure, so PostgreSQL keeps
 * the segment and retries (logging each failure in postgres.log).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { osUser, type OsUser } from '../db/embedded-cluster.js';

/** The archive's files: one `<segment>.gz` per WAL segment, timeline history or backup history file. */
export const walArchiveDir = (backupDir: string) => path.join(backupDir, 'wal');

/** A value for sh: single-quoted, and with PostgreSQL's `%` escape doubled (archive_command expands %p, %f). */
function shellPath(value: string): string {
  return `'${value.replaceAll("'", `'\\''`).replaceAll('%', '%%')}'`;
}

/** `archive_command`: %p (the segment's path under PGDATA) gzipped to <dir>/%f.gz, atomically and durably. */
export function archiveCommand(walDir: string): string {
  const dir = shellPath(walDir);
  return [
    `d=${dir}; f="$d/%f.gz"; t="$d/.%f.gz.tmp"`,
    // Already archived (the archiver restarted before recording success): fine if identical, refused if not.
    `if [ -f "$f" ]; then gzip -dc "$f" | cmp -s - "%p" && exit 0; echo "WAL archive: $f exists and differs from %p; not overwriting it" >&2; exit 1; fi`,
    `gzip -1 -c "%p" > "$t" && sync "$t" && mv -f "$t" "$f" && sync "$d"`,
  ].join('; ');
}

/** `restore_command`: the archived segment %f unzipped to %p; non-zero (not found) when the archive lacks it. */
export function restoreCommand(walDir: string): string {
  return `f=${shellPath(walDir)}/%f.gz; test -f "$f" && gzip -dc "$f" > "%p"`;
}

/** The settings for starting the cluster with (or without) WAL archiving into `walDir`. */
export function walArchiveSettings(walDir: string | undefined, archiveTimeoutMinutes: number): Record<string, string> {
  if (!walDir) return { wal_level: 'replica' };
  return { wal_level: 'replica', archive_mode: 'on', archive_command: archiveCommand(walDir), archive_timeout: `${archiveTimeoutMinutes}min` };
}

/**
 * Creates BACKUP_DIR (traversable by the PostgreSQL system user, readable by none: it holds the database and
 * its credentials) and its wal/ directory, which that user owns because the archiver writes there.
 */
export async function prepareBackupDir(backupDir: string, user: OsUser): Promise<void> {
  await fsp.mkdir(walArchiveDir(backupDir), { recursive: true, mode: 0o700 });
  await fsp.chmod(backupDir, user.uid !== undefined ? 0o711 : 0o700);
  if (user.uid !== undefined) await fsp.chown(walArchiveDir(backupDir), user.uid, user.gid!);
}

/**
 * The settings every start of the product's embedded cluster passes (server, seeds, backup, restore): a start
 * without archiving would leave a gap in the archive that no backup before it could be rolled forward across.
 */
export async function embeddedArchiveSettings(config: Config): Promise<Record<string, string>> {
  if (!config.backup.walArchive) return walArchiveSettings(undefined, 0);
  await prepareBackupDir(config.backup.dir, await osUser());
  return walArchiveSettings(walArchiveDir(config.backup.dir), config.backup.archiveTimeoutMinutes);
}
