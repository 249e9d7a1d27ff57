/**
 * The last failed backup, kept where the console's backup page reads it: DATA_DIR/backup-failure.json, written
 * when a backup fails (the daily one or `npm run backup`) and removed when one succeeds. In DATA_DIR, not
 * BACKUP_DIR: the likeliest failure is a full, unmounted or unwritable backup disk, where the record could not
 * be written; and not in the database, whose failure may be the cause. A file (not the server's memory) so that
 * any of several server processes, and a backup run by hand, are seen alike; written to a temporary name and
 * renamed, so a reader never sees half of one.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';

export type BackupFailure = { at: string; message: string };

export const backupFailureFile = (dataDir: string) => path.join(dataDir, 'backup-failure.json');

export async function recordBackupFailure(dataDir: string, failure: BackupFailure): Promise<void> {
  const file = backupFailureFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temporary, `${JSON.stringify(failure, null, 2)}\n`, { mode: 0o600 });
  await fsp.rename(temporary, file);
}

/** A backup succeeded: the failure before it is over. */
export async function clearBackupFailure(dataDir: string): Promise<void> {
  await fsp.rm(backupFailureFile(dataDir), { force: true });
}

/** The last failure not yet followed by a successful backup, if any (an unreadable record counts as none). */
export async function readBackupFailure(dataDir: string): Promise<BackupFailure | undefined> {
  const text = await fsp.readFile(backupFailureFile(dataDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const failure = JSON.parse(text) as BackupFailure;
    return typeof failure.at === 'string' && typeof failure.message === 'string' ? failure : undefined;
  } catch {
    return undefined;
  }
}
