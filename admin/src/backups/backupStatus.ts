/**
 * The backup page's pure part: its query (the server's `backups`, super administrators only), sizes in binary
 * units, and what the page says of the latest backup and of the archive — a verdict the operator reads at a
 * glance (red when something needs their hand), with the words' keys under crc.backups.
 */
export const backupStatusQuery = `query backupStatus {
  backups {
    embedded enabled dir count totalBytes walArchiveBytes freeBytes recoverableFrom
    lastBackup { name kind at stoppedAt sizeBytes serverVersion migration walFrom walTo verifiedAt verified verificationProblems }
    backups { name at sizeBytes verifiedAt verified }
    lastFailure { at message }
    archiving { archivedCount lastArchivedWal lastArchivedAt failedCount lastFailedWal lastFailedAt failing }
  }
}`;

export type BackupSummary = {
  name: string;
  at: string;
  stoppedAt?: string;
  sizeBytes: number;
  serverVersion?: string;
  migration?: string | null;
  kind?: 'physical' | 'logical';
  walFrom?: string | null;
  walTo?: string | null;
  verifiedAt: string | null;
  verified: boolean | null;
  verificationProblems?: string[];
};

export type WalArchiving = {
  archivedCount: number;
  lastArchivedWal: string | null;
  lastArchivedAt: string | null;
  failedCount: number;
  lastFailedWal: string | null;
  lastFailedAt: string | null;
  failing: boolean;
};

export type BackupStatus = {
  embedded: boolean;
  enabled: boolean;
  dir: string | null;
  count: number;
  totalBytes: number;
  walArchiveBytes: number;
  freeBytes: number | null;
  recoverableFrom: string | null;
  lastBackup: BackupSummary | null;
  backups: BackupSummary[];
  lastFailure: { at: string; message: string } | null;
  archiving: WalArchiving | null;
};

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → 1.5 KB, 8 589 934 592 → 8.0 GB (binary units, as du -h; one decimal from KB up). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export type Severity = 'success' | 'warning' | 'error' | 'info';
/** A verdict: its severity and the key of its words (crc.backups.verdicts.*). */
export type Verdict = { severity: Severity; key: string };

/** How long a backup may be old before the page warns: the daily backup missed more than one day. */
const staleAfterMs = 36 * 3_600_000;

/** What the page says of the latest backup at `now`. */
export function backupVerdict(status: BackupStatus, now: Date): Verdict {
  // An external database's own backups are out of sight; the product's logical ones (npm run backup) are not.
  if (!status.embedded) {
    if (status.lastFailure) return { severity: 'error', key: 'failed' };
    if (status.lastBackup?.verified === false) return { severity: 'error', key: 'verificationFailed' };
    return { severity: 'info', key: 'external' };
  }
  if (!status.enabled) return { severity: 'warning', key: 'disabled' };
  if (status.lastFailure) return { severity: 'error', key: 'failed' };
  const last = status.lastBackup;
  if (!last) return { severity: 'warning', key: 'none' };
  if (last.verified === false) return { severity: 'error', key: 'verificationFailed' };
  if (now.getTime() - Date.parse(last.at) > staleAfterMs) return { severity: 'warning', key: 'stale' };
  if (last.verified === null) return { severity: 'info', key: 'unverified' };
  return { severity: 'success', key: 'verified' };
}

/** What the page says of the WAL archive. */
export function archiveVerdict(archiving: WalArchiving | null): Verdict {
  if (!archiving) return { severity: 'warning', key: 'archiveOff' };
  if (archiving.failing) return { severity: 'error', key: 'archiveFailing' };
  if (!archiving.lastArchivedAt) return { severity: 'info', key: 'archiveNothingYet' };
  return { severity: 'success', key: 'archiveHealthy' };
}
