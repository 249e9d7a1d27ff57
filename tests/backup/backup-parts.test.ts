/**
 * The parts of backups that need no cluster: the archive command's safety (run by sh, as PostgreSQL runs it),
 * WAL names, the retention's choice and its deletions on disk, and the reading of --until.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFormat } from '../../server/backup/backup-manifest.js';
import { parseUntil } from '../../server/backup/recovery-target.js';
import { applyRetention, backupsToKeep } from '../../server/backup/retention.js';
import { archiveCommand, restoreCommand } from '../../server/backup/wal-archive.js';
import { isOlderThan, segmentsBetween } from '../../server/backup/wal-names.js';
import { countProblems } from '../../server/backup/verify-backup.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "crc-backup-parts-it's 100%-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Runs a PostgreSQL command template as the server would: %p, %f substituted, %% unescaped. */
async function runCommand(template: string, p: string, f: string): Promise<{ code: number; stderr: string }> {
  const command = template.replace(/%([pf%])/g, (_, letter: string) => (letter === 'p' ? p : letter === 'f' ? f : '%'));
  try {
    const { stderr } = await run('sh', ['-c', command]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe('the WAL archive command', () => {
  it('archives a segment gzipped, accepts the same segment again, refuses a different one without overwriting, and fails loudly when it cannot write', async () => {
    const walDir = path.join(dir, 'wal');
    await fs.mkdir(walDir);
    const name = '000000010000000000000003';
    const segment = path.join(dir, 'segment');
    await fs.writeFile(segment, Buffer.alloc(1 << 20, 7));
    const command = archiveCommand(walDir);

    expect((await runCommand(command, segment, name)).code).toBe(0);
    expect(await fs.readdir(walDir)).toEqual([`${name}.gz`]);
    expect((await runCommand(command, segment, name)).code).toBe(0);

    await fs.writeFile(segment, Buffer.alloc(1 << 20, 8));
    const refused = await runCommand(command, segment, name);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('differs');

    // The restore command gives back the first content, and fails for a segment the archive lacks.
    const restored = path.join(dir, 'RECOVERYXLOG');
    expect((await runCommand(restoreCommand(walDir), restored, name)).code).toBe(0);
    expect((await fs.readFile(restored)).equals(Buffer.alloc(1 << 20, 7))).toBe(true);
    expect((await runCommand(restoreCommand(walDir), restored, '000000010000000000000009')).code).not.toBe(0);

    const missingDir = archiveCommand(path.join(dir, 'absent'));
    expect((await runCommand(missingDir, segment, name)).code).not.toBe(0);
  });
});

describe('WAL names', () => {
  it('lists the segments a backup needs, across a log id', () => {
    expect(segmentsBetween('0000000100000000000000FE', '000000010000000100000001', 16 * 1024 * 1024)).toEqual([
      '0000000100000000000000FE',
      '0000000100000000000000FF',
      '000000010000000100000000',
      '000000010000000100000001',
    ]);
  });

  it('finds archived files older than a cut-off on any timeline, never history files', () => {
    const cutoff = '000000020000000000000010';
    expect(isOlderThan('00000001000000000000000F.gz', cutoff)).toBe(true);
    expect(isOlderThan('00000001000000000000000F.00000028.backup.gz', cutoff)).toBe(true);
    expect(isOlderThan('000000010000000000000010.gz', cutoff)).toBe(false);
    expect(isOlderThan('000000010000000000000010.00000028.backup.gz', cutoff)).toBe(false);
    expect(isOlderThan('00000002.history.gz', cutoff)).toBe(false);
    expect(isOlderThan('.00000001000000000000000F.gz.tmp', cutoff)).toBe(false);
  });
});

describe('retention', () => {
  /** Backups at these China times (UTC+8), one per entry; the newest first is not required. */
  const at = (china: string) => new Date(`${china}+08:00`);
  const dated = (chinaTimes: string[]) => chinaTimes.map((time, index) => ({ name: time, at: at(time), startWal: `00000001000000000000${(index + 16).toString(16).toUpperCase().padStart(4, '0')}` }));

  it('keeps the newest of each of the last N days and of the last M weeks (Monday to Sunday, China time), and always the newest', () => {
    // 2026-12-07 is a Monday. Two backups on the 20th (the later kept), one each day before, back to mid-November.
    const times = ['2026-12-20T23:30:00', '2026-12-20T02:00:00'];
    for (let day = 19; day >= 1; day -= 1) times.push(`2026-12-${String(day).padStart(2, '0')}T02:00:00`);
    times.push('2026-11-20T02:00:00', '2026-11-10T02:00:00');
    const kept = backupsToKeep(dated(times), { keepDaily: 3, keepWeekly: 3 });
    expect(kept).toEqual([
      '2026-12-20T23:30:00', // day 1 and week of the 14th (Monday) to the 20th
      '2026-12-19T02:00:00', // day 2
      '2026-12-18T02:00:00', // day 3
      '2026-12-13T02:00:00', // week of the 7th
      '2026-12-06T02:00:00', // week of 30 November
    ]);
    // A backup at 23:30 UTC on the 19th is the 20th in China: the same day as the 20th's.
    expect(backupsToKeep([...dated(['2026-12-20T23:30:00']), { name: 'utc', at: new Date('2026-12-19T23:30:00Z'), startWal: '0' }], { keepDaily: 2, keepWeekly: 0 })).toEqual(['2026-12-20T23:30:00']);
    expect(backupsToKeep(dated(times), { keepDaily: 0, keepWeekly: 0 })).toEqual(['2026-12-20T23:30:00']);
  });

  it('deletes what it does not keep and the archived WAL older than the oldest kept backup, leaving unfinished backups and history files', async () => {
    const backupDir = path.join(dir, 'retention');
    const times = ['2026-12-20T10:00:00', '2026-12-19T10:00:00', '2026-12-18T10:00:00', '2026-12-17T10:00:00'];
    const backups = dated(times);
    for (const backup of backups) {
      const folder = path.join(backupDir, 'base', backup.name);
      await fs.mkdir(folder, { recursive: true });
      const manifest = { format: manifestFormat, name: backup.name, startedAt: backup.at.toISOString(), wal: { startFile: backup.startWal }, files: {} };
      await fs.writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
    }
    await fs.mkdir(path.join(backupDir, 'base', '2026-12-21T10:00:00.partial'));
    await fs.mkdir(path.join(backupDir, 'wal'));
    const walFiles = ['000000010000000000000010.gz', '000000010000000000000011.gz', '000000010000000000000012.gz', '000000010000000000000013.gz', '000000010000000000000014.gz', '00000002.history.gz'];
    for (const file of walFiles) await fs.writeFile(path.join(backupDir, 'wal', file), '');

    const outcome = await applyRetention(backupDir, { keepDaily: 2, keepWeekly: 0 });
    // dated() gives the newest backup the lowest start segment (0x10): the earliest start among the kept, not
    // the oldest kept by date, bounds the pruning, so nothing goes.
    expect(outcome.kept).toEqual(['2026-12-20T10:00:00', '2026-12-19T10:00:00']);
    expect(outcome.removed.sort()).toEqual(['2026-12-17T10:00:00', '2026-12-18T10:00:00']);
    expect((await fs.readdir(path.join(backupDir, 'base'))).sort()).toEqual(['2026-12-19T10:00:00', '2026-12-20T10:00:00', '2026-12-21T10:00:00.partial']);
    expect(outcome.walRemoved).toBe(0);
    expect((await fs.readdir(path.join(backupDir, 'wal'))).sort()).toEqual(walFiles.sort());
  });

  it('prunes WAL up to the start of the oldest kept backup', async () => {
    const backupDir = path.join(dir, 'pruning');
    const backups = [
      { name: 'new', at: at('2026-12-20T10:00:00'), startWal: '000000010000000000000013' },
      { name: 'old', at: at('2026-12-19T10:00:00'), startWal: '000000010000000000000012' },
      { name: 'older', at: at('2026-12-18T10:00:00'), startWal: '000000010000000000000011' },
    ];
    for (const backup of backups) {
      const folder = path.join(backupDir, 'base', backup.name);
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, 'manifest.json'), JSON.stringify({ format: manifestFormat, startedAt: backup.at.toISOString(), wal: { startFile: backup.startWal }, files: {} }));
    }
    await fs.mkdir(path.join(backupDir, 'wal'));
    for (const file of [
      '000000010000000000000010.gz',
      '000000010000000000000011.gz',
      '000000010000000000000011.00000028.backup.gz',
      '000000010000000000000012.gz',
      '000000010000000000000012.00000060.backup.gz',
      '000000010000000000000013.gz',
      '00000001.history.gz',
    ]) {
      await fs.writeFile(path.join(backupDir, 'wal', file), '');
    }
    const outcome = await applyRetention(backupDir, { keepDaily: 2, keepWeekly: 0 });
    expect(outcome.kept).toEqual(['new', 'old']);
    expect(outcome.walRemoved).toBe(3);
    expect((await fs.readdir(path.join(backupDir, 'wal'))).sort()).toEqual(
      ['000000010000000000000012.00000060.backup.gz', '000000010000000000000012.gz', '000000010000000000000013.gz', '00000001.history.gz'].sort(),
    );
  });
});

describe('--until', () => {
  it('reads China time unless an offset is given, and refuses anything else', () => {
    expect(parseUntil('2025-03-01 14:30').toISOString()).toBe('2025-03-01T06:30:00.000Z');
    expect(parseUntil('2025-03-01T14:30:15.250').toISOString()).toBe('2025-03-01T06:30:15.250Z');
    expect(parseUntil('2025-03-01 14:30Z').toISOString()).toBe('2025-03-01T14:30:00.000Z');
    expect(parseUntil('2025-03-01 14:30:00+0100').toISOString()).toBe('2025-03-01T13:30:00.000Z');
    expect(parseUntil('2025-03-01 14:30+01').toISOString()).toBe('2025-03-01T13:30:00.000Z');
    expect(() => parseUntil('yesterday')).toThrow(/--until/);
    expect(() => parseUntil('2025-02-30 14:30')).toThrow(/--until/);
  });
});

describe('verification of row counts', () => {
  it("allows differences no larger than the audit trail grew in the backup's last moment, and no shrinking trail", () => {
    expect(countProblems({ region: { manifest: 10, restored: 12 }, audit_entry: { manifest: 20, restored: 22 } })).toEqual([]);
    expect(countProblems({ region: { manifest: 10, restored: 9 }, audit_entry: { manifest: 20, restored: 21 } })).toEqual([]);
    expect(countProblems({ region: { manifest: 10, restored: 12 }, audit_entry: { manifest: 20, restored: 21 } })).toEqual(['region: 12 rows restored, 10 in the manifest']);
    expect(countProblems({ region: { manifest: 10, restored: 10 }, audit_entry: { manifest: 20, restored: 19 } })).toEqual([
      'audit_entry: 19 rows restored, 20 in the manifest (the trail lost entries)',
    ]);
    expect(countProblems({ region: { manifest: 10, restored: 11 } })).toEqual(['region: 11 rows restored, 10 in the manifest']);
  });
});
