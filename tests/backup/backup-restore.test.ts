/**
 * Backups proven by restoring them, on real embedded clusters of this test's own (loopback, temp dirs): a backup
 * taken by `npm run backup` while audited writes flow restores every row committed before it ended, with the
 * audit chain intact, and with the archive every row committed at all; a restore to a moment between two writes
 * has the first and not the second; a corrupted, truncated, too new or foreign backup is refused before anything
 * is touched, and so is a restore over a running database.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAnchor } from '../../server/audit/anchors.js';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { readManifest, type BackupManifest } from '../../server/backup/backup-manifest.js';
import { BackupRefused } from '../../server/backup/backup-refused.js';
import { baseBackupsDir } from '../../server/backup/base-backup.js';
import { startBackupSchedule } from '../../server/backup/backup-schedule.js';
import { restoreBackup, type RestoreOptions } from '../../server/backup/restore.js';
import { verificationName, verifyBackup } from '../../server/backup/verify-backup.js';
import { embeddedArchiveSettings, walArchiveDir, walArchiveSettings } from '../../server/backup/wal-archive.js';
import { readConfig } from '../../server/config.js';
import { EmbeddedCluster } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { databaseName, ensureRolesAndDatabase, ownerRoleName, rolePasswords } from '../../server/db/roles.js';
import { insertRegion, runBackupCli, whileWriting } from './backup-cli.js';

let root: string;
let dataDir: string;
let backupDir: string;
let cluster: EmbeddedCluster;
let ownerUrl: string;
let owner: pg.Client;
let superuser: pg.Client;
const restored: EmbeddedCluster[] = [];
/** The backup `npm run backup` wrote, and the region codes committed in all, with when each commit returned. */
let backup: string;
let manifest: BackupManifest;
let committedInAll: { code: string; at: number }[] = [];
/** The CLI's run: its outcome, when it began and how long it took. */
let cli: { code: number | null; output: string };
let began: number;
let seconds: number;

const anchorSettings = () => ({ logPath: path.join(root, 'audit-anchors.log'), keyPath: path.join(root, 'audit-anchor.key') });
const env = () => ({ DATA_DIR: dataDir, BACKUP_DIR: backupDir, WAL_ARCHIVE_TIMEOUT_MINUTES: '0', LOG_LEVEL: 'warn' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one of the backup CLIs as `npm run` does; resolves with its exit code and output. */
function runCli(script: string, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return runBackupCli(script, args, { ...env(), ...extraEnv });
}

/**
 * Switches to a new WAL segment and waits until the archiver has archived the one just finished. An archiver
 * resting after failures (up to a minute) is woken by each new segment: so switch again, after a small record,
 * every 2 s.
 */
async function archiveCurrentWal(client: pg.Client): Promise<void> {
  const { file } = (await client.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`)).rows[0];
  const deadline = Date.now() + 30_000;
  for (let tick = 1; Date.now() < deadline; tick += 1) {
    const { last } = (await client.query<{ last: string | null }>(`select last_archived_wal as last from pg_stat_archiver`)).rows[0];
    if (last && last >= file) return;
    if (tick % 20 === 0) await client.query(`select pg_logical_emit_message(false, 'crc-test', 'wake'), pg_switch_wal()`);
    await sleep(100);
  }
  throw new Error(`WAL segment ${file} was not archived within 30 s`);
}

/** A restore of the test's backup into a new directory (no archiving of its own, so the archive stays the original's). */
async function restoreInto(target: string, options: Partial<RestoreOptions> = {}) {
  const report = await restoreBackup({ from: backup, dataDir: target, knownMigrations: migrationsList.map((migration) => migration.name), settings: walArchiveSettings(undefined, 0), ...options });
  restored.push(report.cluster);
  return report;
}

async function query<T extends pg.QueryResultRow>(on: EmbeddedCluster, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(on.connectionOptions(databaseName));
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the test's backup with one byte of base.tar.gz flipped. */
async function flippedCopy(name: string): Promise<string> {
  const copy = await copyOfBackup(name);
  const file = path.join(copy, 'base.tar.gz');
  const bytes = await fs.readFile(file);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  await fs.writeFile(file, bytes);
  return copy;
}

/** A copy of the test's backup, for spoiling. */
async function copyOfBackup(name: string): Promise<string> {
  const copy = path.join(root, name);
  await fs.cp(backup, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-backup-'));
  await fs.chmod(root, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the data directories
  dataDir = path.join(root, 'data');
  backupDir = path.join(root, 'backups');
  cluster = await EmbeddedCluster.start(dataDir, { settings: await embeddedArchiveSettings(readConfig(env())) });
  const passwords = await rolePasswords(path.join(dataDir, 'postgres-roles.json'));
  await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
  ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
  await migrate(ownerUrl);
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  superuser = new pg.Client(cluster.connectionOptions('postgres'));
  await superuser.connect();

  // The backup every test restores: taken by `npm run backup` while audited writes flow in another connection.
  // An anchor of the audit chain as it stands before the backup (verification checks it against the restore).
  await insertRegion(owner, '700000001');
  await writeAnchor(owner, anchorSettings());
  const flow = await whileWriting(ownerUrl, async () => {
    began = Date.now();
    const output = await runCli('backup.cli.ts');
    seconds = (Date.now() - began) / 1000;
    return output;
  });
  cli = flow.result;
  committedInAll = flow.committed;
  const [name] = await fs.readdir(baseBackupsDir(backupDir)).catch(() => []);
  if (!name) throw new Error(`npm run backup wrote no backup: ${cli.output}`);
  backup = path.join(baseBackupsDir(backupDir), name);
  manifest = await readManifest(backup);
}, 180_000);

afterAll(async () => {
  await owner?.end().catch(() => undefined);
  await superuser?.end().catch(() => undefined);
  for (const one of restored) await one.stop();
  await cluster?.stop();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('a backup taken while writes flow', () => {
  it('is written by npm run backup, and restores every row committed before it ended, the audit chain intact', async () => {
    expect(cli.output).toContain('backup written');
    expect(cli.code).toBe(0);

    const committed = committedInAll;
    const holds = committed.filter((row) => row.at < new Date(manifest.holdsCommitsBefore).getTime()).map((row) => row.code);
    const duringBackup = committed.filter((row) => row.at > began && row.at < new Date(manifest.holdsCommitsBefore).getTime()).length;
    console.log(`backup while rows were written (${duringBackup} during it): ${seconds.toFixed(1)} s (CLI included); ${(manifest.files['base.tar.gz'].bytes / 1_048_576).toFixed(1)} MB`);
    expect(Object.keys(manifest.files).sort()).toEqual(['backup_label', 'base.tar.gz', 'postgres-credentials.json', 'postgres-roles.json', ...manifest.wal.files.map((file) => `wal/${file}`)].sort());
    expect(manifest.migrations.last).toBe(migrationsList.at(-1)!.name);
    expect(manifest.serverVersionNum).toBeGreaterThanOrEqual(170000);
    expect(manifest.wal.files[0]).toBe(`${manifest.wal.startFile}.gz`);
    // Writes flowed while the backup ran, and the manifest counted the rows of its snapshot.
    expect(duringBackup).toBeGreaterThan(0);
    expect(manifest.rowCounts.region).toBeGreaterThanOrEqual(committed.filter((row) => row.at < began).length);

    const report = await restoreInto(path.join(root, 'restore-own-wal'));
    const codes = (await query<{ code: string }>(report.cluster, `select code from region where code like '9%' order by code`)).map((row) => row.code);
    // Every row committed before pg_backup_stop was called, in order, then at most those committed after.
    expect(codes.slice(0, holds.length)).toEqual(holds);
    expect(codes).toEqual(committed.slice(0, codes.length).map((row) => row.code));
    expect(codes.length + 1).toBeGreaterThanOrEqual(manifest.rowCounts.region);
    const client = new pg.Client(report.cluster.connectionOptions(databaseName));
    await client.connect();
    const audit = await verifyAuditTrail(client).finally(() => client.end());
    expect(audit.ok).toBe(true);
    expect(audit.entries).toBeGreaterThanOrEqual(codes.length);
    expect(report.timeline).toBe(manifest.timeline + 1);
    await report.cluster.stop();
  });

  it('with the archive replayed, restores exactly every row committed, and the same audit chain', async () => {
    await archiveCurrentWal(superuser);
    const report = await restoreInto(path.join(root, 'restore-archive'), { walDir: walArchiveDir(backupDir) });
    const codes = (await query<{ code: string }>(report.cluster, `select code from region where code like '9%' order by code`)).map((row) => row.code);
    expect(codes).toEqual(committedInAll.map((row) => row.code));
    const originalHead = (await owner.query(`select max(id)::text as id, count(*)::int as n from audit_entry`)).rows[0];
    const client = new pg.Client(report.cluster.connectionOptions(databaseName));
    await client.connect();
    const audit = await verifyAuditTrail(client).finally(() => client.end());
    expect(audit).toMatchObject({ ok: true, entries: originalHead.n, lastId: originalHead.id });
    console.log(`restore with the archive: ${report.seconds.toFixed(1)} s, ${codes.length} rows, ${audit.entries} audit entries`);
    await report.cluster.stop();
  });
});

describe('a restore to a point in time', () => {
  it('has what was written before the moment and not what was written after, over a stopped database moved aside', async () => {
    await insertRegion(owner, '800000001');
    await sleep(600);
    const moment = new Date();
    await sleep(600);
    await insertRegion(owner, '800000002');
    await archiveCurrentWal(superuser);

    // A stopped database in the target (a restore of the backup), moved aside by the restore.
    const target = path.join(root, 'restore-pitr');
    await (await restoreInto(target)).cluster.stop();
    const report = await restoreInto(target, { walDir: walArchiveDir(backupDir), until: moment });
    const codes = (await query<{ code: string }>(report.cluster, `select code from region where code like '8%' order by code`)).map((row) => row.code);
    expect(codes).toEqual(['800000001']);
    expect((await query<{ n: number }>(report.cluster, `select count(*)::int as n from region where code like '9%'`))[0].n).toBe(committedInAll.length);
    expect(new Date(report.replayedUntil!).getTime()).toBeLessThan(moment.getTime());
    // The stopped database that was there is kept, not deleted.
    expect(report.movedAside).toMatch(/postgres\.before-restore-/);
    expect(await fs.readFile(path.join(report.movedAside!, 'PG_VERSION'), 'utf8')).toMatch(/^17/);
    await report.cluster.stop();
  });
});

describe('a backup that must not be restored', () => {
  it('is refused by npm run restore when a byte of it is flipped, and nothing is written', async () => {
    const copy = await flippedCopy('flipped');
    const target = path.join(root, 'never');
    const cli = await runCli('restore.cli.ts', ['--from', copy, '--data', target]);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('备份已损坏');
    expect(cli.output).toContain('the backup is corrupted: the checksum of base.tar.gz does not match');
    expect(await fs.stat(target).catch(() => undefined)).toBeUndefined();
  });

  it('is refused when truncated, incomplete, newer than the code, of another major version, or over a running database', async () => {
    const refusal = (options: Partial<RestoreOptions>) =>
      restoreInto(path.join(root, 'never'), options).then(
        () => new Error('restored'),
        (error: Error) => error,
      );

    const truncated = await copyOfBackup('truncated');
    await fs.truncate(path.join(truncated, 'base.tar.gz'), manifest.files['base.tar.gz'].bytes - 1000);
    expect(await refusal({ from: truncated })).toMatchObject({ name: BackupRefused.name, en: expect.stringMatching(/base\.tar\.gz has \d+ bytes, not \d+ \(truncated/) });

    const incomplete = await copyOfBackup('incomplete');
    await fs.rm(path.join(incomplete, 'backup_label'));
    expect(await refusal({ from: incomplete })).toMatchObject({ en: 'the backup is incomplete: backup_label is missing' });

    const newer = await copyOfBackup('newer');
    const newerManifest = { ...manifest, migrations: { applied: [...manifest.migrations.applied, 'Migration29990101000000_future'], last: 'Migration29990101000000_future' } };
    await fs.writeFile(path.join(newer, 'manifest.json'), JSON.stringify(newerManifest));
    expect(await refusal({ from: newer })).toMatchObject({ en: expect.stringContaining('newer than this code (it lacks migration(s) Migration29990101000000_future)') });

    const foreign = await copyOfBackup('foreign');
    await fs.writeFile(path.join(foreign, 'manifest.json'), JSON.stringify({ ...manifest, serverVersion: '16.4', serverVersionNum: 160004 }));
    expect(await refusal({ from: foreign })).toMatchObject({ en: expect.stringContaining('another major version cannot restore it') });

    expect(await refusal({ until: new Date(new Date(manifest.stoppedAt).getTime() - 60_000) })).toMatchObject({ en: expect.stringContaining('before this backup ended') });
    expect(await fs.stat(path.join(root, 'never')).catch(() => undefined)).toBeUndefined();

    const rows = (await owner.query(`select count(*)::int as n from region`)).rows[0].n;
    const running = await restoreBackup({ from: backup, dataDir, knownMigrations: migrationsList.map((migration) => migration.name) }).then(
      () => new Error('restored'),
      (error: Error) => error,
    );
    expect(running).toMatchObject({ en: expect.stringContaining('is running') });
    expect((await owner.query(`select count(*)::int as n from region`)).rows[0].n).toBe(rows);
  });
});

describe('npm run backup:verify', () => {
  it('restores a backup on another port, finds the manifest rows, the audit chain and the anchors up to it, and records it beside the backup', async () => {
    await writeAnchor(owner, anchorSettings()); // after the backup: authenticated, not compared
    const scratchDir = path.join(root, 'verify-scratch');
    const verification = await verifyBackup({ from: backup, scratchDir, knownMigrations: migrationsList.map((migration) => migration.name), anchors: anchorSettings() });
    expect(verification.problems).toEqual([]);
    expect(verification).toMatchObject({ ok: true, anchors: { checked: 1, later: 1 } });
    expect(verification.rowCounts.region.restored).toBeGreaterThanOrEqual(verification.rowCounts.region.manifest);
    expect(verification.auditEntries).toBeGreaterThanOrEqual(manifest.rowCounts.audit_entry);
    expect(JSON.parse(await fs.readFile(path.join(backup, verificationName), 'utf8'))).toMatchObject({ ok: true, backup: manifest.name });
    expect(await fs.stat(scratchDir).catch(() => undefined)).toBeUndefined();
    console.log(`backup:verify: ${verification.seconds.toFixed(1)} s`);
  });

  it('reports a corrupted backup as failed, loudly, with exit 1', async () => {
    const copy = await flippedCopy('flipped-verify');
    const cli = await runCli('backup-verify.cli.ts', ['--from', copy]);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('FAILED verification');
    expect(cli.output).toContain('the checksum of base.tar.gz does not match');
    expect(JSON.parse(await fs.readFile(path.join(copy, verificationName), 'utf8'))).toMatchObject({ ok: false });
  });
});

describe('the daily backup in the server', () => {
  it('backs up once a day from its hour in China, one backup of two processes, and not again that day', async () => {
    const config = readConfig({ ...env(), BACKUP_HOUR: '3', BACKUP_CHECK_MINUTES: '1' });
    const messages: string[] = [];
    const report = { info: (message: string) => messages.push(message), error: (message: string) => messages.push(`ERROR ${message}`) };
    const before = await fs.readdir(baseBackupsDir(backupDir));

    // 02:30 on 6 January 2027 in China: before the hour, nothing.
    await startBackupSchedule(config, ownerUrl, report, () => new Date('2027-01-05T18:30:00Z'))();
    expect(await fs.readdir(baseBackupsDir(backupDir))).toEqual(before);

    // 03:30 the same day, two processes: one backup, named and dated by the clock.
    const due = new Date('2027-01-05T19:30:00Z');
    const stops = [startBackupSchedule(config, ownerUrl, report, () => due), startBackupSchedule(config, ownerUrl, report, () => due)];
    const deadline = Date.now() + 60_000;
    while (!messages.length && Date.now() < deadline) await sleep(100);
    await sleep(500);
    for (const stop of stops) await stop();
    expect(messages).toEqual([expect.stringMatching(/^daily backup written: .*20270105T193000Z in [\d.]+ s; kept \d+, removed 0$/)]);
    expect((await fs.readdir(baseBackupsDir(backupDir))).sort()).toEqual([...before, '20270105T193000Z'].sort());
    expect((await readManifest(path.join(baseBackupsDir(backupDir), '20270105T193000Z'))).startedAt).toBe(due.toISOString());

    // 22:00 that day in China: today's backup exists.
    const later = startBackupSchedule(config, ownerUrl, report, () => new Date('2027-01-06T14:00:00Z'));
    await sleep(1500);
    await later();
    expect((await fs.readdir(baseBackupsDir(backupDir))).sort()).toEqual([...before, '20270105T193000Z'].sort());
    expect(messages).toHaveLength(1);

    // The server stopping aborts a backup under way: nothing half written remains, and no failure is reported.
    const stopping = startBackupSchedule(config, ownerUrl, report, () => new Date('2027-01-07T19:30:00Z'));
    while (!(await fs.readdir(baseBackupsDir(backupDir))).some((name) => name.endsWith('.partial'))) await sleep(20);
    await stopping();
    expect((await fs.readdir(baseBackupsDir(backupDir))).sort()).toEqual([...before, '20270105T193000Z'].sort());
    expect(messages).toHaveLength(1);
  });
});

describe('a failing WAL archive', () => {
  it('makes npm run backup refuse at once, naming the segment; archiving resumes when the directory is writable again', async () => {
    const wal = walArchiveDir(backupDir);
    const backupsBefore = await fs.readdir(baseBackupsDir(backupDir));
    await fs.chmod(wal, 0o500);
    try {
      await superuser.query(`create table archive_fails (id int)`);
      const { file } = (await superuser.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`)).rows[0];
      const deadline = Date.now() + 30_000;
      while (!(await superuser.query(`select failed_count > 0 as failed from pg_stat_archiver`)).rows[0].failed && Date.now() < deadline) await sleep(100);
      // The segment PostgreSQL keeps retrying: the one switched out, or an earlier one still waiting when the directory
      // closed (the archiver goes in order, and on a loaded machine may not have reached the switched one yet).
      const { failing } = (await superuser.query<{ failing: string }>(`select last_failed_wal as failing from pg_stat_archiver`)).rows[0];
      expect(failing <= file).toBe(true);
      const cli = await runCli('backup.cli.ts');
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`WAL archiving is failing (last: ${failing}): see postgres.log`);
      expect(await fs.readdir(baseBackupsDir(backupDir))).toEqual(backupsBefore);
    } finally {
      await fs.chmod(wal, 0o700);
    }
    await archiveCurrentWal(superuser);
  });
});

describe('an existing data directory', () => {
  it('is refused a backup while it runs without archiving, and archives from its next start with the settings', async () => {
    await owner.end();
    await superuser.end();
    await cluster.stop();
    cluster = await EmbeddedCluster.start(dataDir); // as the code before backups started it
    const cli = await runCli('backup.cli.ts');
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`the database does not archive its WAL into ${walArchiveDir(backupDir)}: restart the server`);
    expect(cli.output).toContain('数据库未把 WAL 归档到');

    await cluster.stop();
    cluster = await EmbeddedCluster.start(dataDir, { settings: await embeddedArchiveSettings(readConfig(env())) });
    superuser = new pg.Client(cluster.connectionOptions('postgres'));
    await superuser.connect();
    expect((await superuser.query(`select current_setting('archive_mode') as mode`)).rows[0].mode).toBe('on');
    await superuser.query(`create table archived_after_restart (id int)`);
    await archiveCurrentWal(superuser);
    owner = new pg.Client({ connectionString: ownerUrl.replace(/:\d+\//, `:${cluster.port}/`) });
    await owner.connect();
  });
});
