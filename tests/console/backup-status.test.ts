/**
 * The backup page's pure part (admin/src/backups/backupStatus.ts): sizes in binary units, and the verdicts it
 * shows on the latest backup and on the WAL archive — red for a failed backup, a failed verification or a
 * failing archive, whatever else is true; the words of each verdict in both languages.
 */
import { describe, expect, it } from 'vitest';
import { archiveVerdict, backupStatusQuery, backupVerdict, formatBytes, type BackupStatus, type WalArchiving } from '../../admin/src/backups/backupStatus.js';
import { backupMessages } from '../../admin/src/i18n/backupMessages.js';

const now = new Date('2026-12-06T12:00:00Z');
const healthyArchive: WalArchiving = {
  archivedCount: 12,
  lastArchivedWal: '00000001000000000000000C',
  lastArchivedAt: '2026-12-06T11:55:00Z',
  failedCount: 0,
  lastFailedWal: null,
  lastFailedAt: null,
  failing: false,
};
const verifiedBackup = { name: '20261205T180000Z', at: '2026-12-05T18:00:00Z', sizeBytes: 5_000_000, verifiedAt: '2026-12-05T18:10:00Z', verified: true };
const status = (changes: Partial<BackupStatus> = {}): BackupStatus => ({
  embedded: true,
  enabled: true,
  dir: '/srv/backups',
  count: 1,
  totalBytes: 5_000_000,
  walArchiveBytes: 1_000_000,
  freeBytes: 10_000_000_000,
  recoverableFrom: '2026-12-05T18:00:05Z',
  lastBackup: verifiedBackup,
  backups: [verifiedBackup],
  lastFailure: null,
  archiving: healthyArchive,
  ...changes,
});

describe('sizes', () => {
  it('are written in binary units, one decimal from KB up', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5_000_000)).toBe('4.8 MB');
    expect(formatBytes(8 * 1024 ** 3)).toBe('8.0 GB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072.0 TB');
  });
});

describe('the verdict on the backups', () => {
  it('is green for a recent verified backup, blue when not yet verified, amber when stale or absent', () => {
    expect(backupVerdict(status(), now)).toEqual({ severity: 'success', key: 'verified' });
    const unverified = { ...verifiedBackup, verifiedAt: null, verified: null };
    expect(backupVerdict(status({ lastBackup: unverified }), now)).toEqual({ severity: 'info', key: 'unverified' });
    expect(backupVerdict(status({ lastBackup: { ...verifiedBackup, at: '2026-12-04T22:00:00Z' } }), now)).toEqual({ severity: 'warning', key: 'stale' });
    expect(backupVerdict(status({ lastBackup: null, backups: [], count: 0 }), now)).toEqual({ severity: 'warning', key: 'none' });
  });

  it('is red for a failed backup or a failed verification, whatever else holds', () => {
    const failure = { at: '2026-12-06T02:00:00Z', message: 'ENOSPC: no space left on device' };
    expect(backupVerdict(status({ lastFailure: failure }), now)).toEqual({ severity: 'error', key: 'failed' });
    expect(backupVerdict(status({ lastBackup: { ...verifiedBackup, verified: false } }), now)).toEqual({ severity: 'error', key: 'verificationFailed' });
  });

  it('says an external database backs itself up, and archiving off means no backups', () => {
    expect(backupVerdict(status({ embedded: false, enabled: false, dir: null, lastBackup: null }), now)).toEqual({ severity: 'info', key: 'external' });
    // Its logical backups (npm run backup with DATABASE_URL) are the product's: a failure of one is red.
    expect(backupVerdict(status({ embedded: false, enabled: false, lastFailure: { at: '2026-12-06T02:00:00Z', message: 'connection refused' } }), now)).toEqual({ severity: 'error', key: 'failed' });
    expect(backupVerdict(status({ embedded: false, enabled: false, lastBackup: { ...verifiedBackup, kind: 'logical', verified: false } }), now)).toEqual({
      severity: 'error',
      key: 'verificationFailed',
    });
    expect(backupVerdict(status({ enabled: false, archiving: null }), now)).toEqual({ severity: 'warning', key: 'disabled' });
  });
});

describe('the verdict on the WAL archive', () => {
  it('is red while the last attempt failed, green once a segment is archived after it', () => {
    expect(archiveVerdict(healthyArchive)).toEqual({ severity: 'success', key: 'archiveHealthy' });
    expect(archiveVerdict({ ...healthyArchive, failing: true, failedCount: 3, lastFailedWal: '00000001000000000000000D', lastFailedAt: '2026-12-06T11:58:00Z' })).toEqual({
      severity: 'error',
      key: 'archiveFailing',
    });
    expect(archiveVerdict({ ...healthyArchive, archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null })).toEqual({ severity: 'info', key: 'archiveNothingYet' });
    expect(archiveVerdict(null)).toEqual({ severity: 'warning', key: 'archiveOff' });
  });
});

describe('the page’s words and query', () => {
  it('has words for every verdict in both languages, and asks what it shows', () => {
    const keys = ['external', 'disabled', 'failed', 'none', 'verificationFailed', 'stale', 'unverified', 'verified', 'archiveOff', 'archiveFailing', 'archiveNothingYet', 'archiveHealthy'];
    for (const language of ['zh', 'en'] as const) expect(Object.keys(backupMessages[language].verdicts).sort()).toEqual([...keys].sort());
    expect(backupStatusQuery).toContain('lastFailure { at message }');
    expect(backupStatusQuery).toContain('verifiedAt verified verificationProblems');
    expect(backupStatusQuery).toContain('failing');
  });
});
