/**
 * Which backups to keep (BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY), applied after each successful backup: the
 * newest backup of each of the last N days that have one, and of each of the last M weeks (days and weeks in
 * China time, weeks from Monday), and always the newest. Archived WAL older than the oldest kept backup's start
 * goes too; nothing a kept backup can roll forward from is deleted, and timeline history files stay. Logical
 * backups (of an external database) are kept by the same rule; they need no WAL, and the WAL archive is only
 * trimmed against the physical backups kept (with none, it is left alone: an external database's own archive).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isLogical, readAnyManifest } from './backup-manifest.js';
import { baseBackupsDir } from './base-backup.js';
import { walArchiveDir } from './wal-archive.js';
import { isOlderThan } from './wal-names.js';

export type RetentionSettings = { keepDaily: number; keepWeekly: number };
/** `startWal`: where a physical backup's WAL begins; absent for a logical backup. */
export type DatedBackup = { name: string; at: Date; startWal?: string };

const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The day in China (UTC+8, no daylight saving) as days since 1970-01-01. */
const chinaDay = (at: Date) => Math.floor((at.getTime() + chinaOffsetMs) / dayMs);
/** The Monday starting that day's week (1970-01-01 was a Thursday). */
const chinaWeek = (at: Date) => {
  const day = chinaDay(at);
  return day - ((day + 3) % 7);
};

/** The names of the backups to keep, newest first. */
export function backupsToKeep(backups: readonly DatedBackup[], settings: RetentionSettings): string[] {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>(newestFirst.slice(0, 1).map((backup) => backup.name));
  for (const [period, limit] of [
    [chinaDay, settings.keepDaily],
    [chinaWeek, settings.keepWeekly],
  ] as const) {
    const seen = new Set<number>();
    for (const backup of newestFirst) {
      const key = period(backup.at);
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > limit) break;
      keep.add(backup.name);
    }
  }
  return newestFirst.filter((backup) => keep.has(backup.name)).map((backup) => backup.name);
}

export type RetentionOutcome = { kept: string[]; removed: string[]; walRemoved: number };

/** The finished backups under BACKUP_DIR/base (directories with a readable manifest; others are left alone). */
export async function listBackups(backupDir: string): Promise<DatedBackup[]> {
  const base = baseBackupsDir(backupDir);
  const names = await fsp.readdir(base).catch(() => [] as string[]);
  const backups: DatedBackup[] = [];
  for (const name of names.filter((entry) => !entry.endsWith('.partial'))) {
    const manifest = await readAnyManifest(path.join(base, name)).catch(() => undefined);
    if (manifest) backups.push({ name, at: new Date(manifest.startedAt), startWal: isLogical(manifest) ? undefined : manifest.wal.startFile });
  }
  return backups;
}

/** Deletes the backups retention does not keep, then the archived WAL no kept backup needs. */
export async function applyRetention(backupDir: string, settings: RetentionSettings): Promise<RetentionOutcome> {
  const backups = await listBackups(backupDir);
  if (!backups.length) return { kept: [], removed: [], walRemoved: 0 };
  const kept = backupsToKeep(backups, settings);
  const removed = backups.filter((backup) => !kept.includes(backup.name)).map((backup) => backup.name);
  for (const name of removed) await fsp.rm(path.join(baseBackupsDir(backupDir), name), { recursive: true, force: true });
  const oldest = backups
    .filter((backup) => kept.includes(backup.name))
    .flatMap((backup) => (backup.startWal ? [backup.startWal] : []))
    .sort((a, b) => a.slice(8).localeCompare(b.slice(8)))[0];
  let walRemoved = 0;
  if (!oldest) return { kept, removed, walRemoved };
  const walDir = walArchiveDir(backupDir);
  for (const file of await fsp.readdir(walDir).catch(() => [] as string[])) {
    if (!isOlderThan(file, oldest)) continue;
    await fsp.rm(path.join(walDir, file), { force: true });
    walRemoved += 1;
  }
  return { kept, removed, walRemoved };
}
