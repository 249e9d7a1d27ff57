/**
 * The `backups` query the console's backup page reads, on a server running its own embedded cluster (a data
 * directory of this test's): nothing before the first backup; then a real backup's name, size, WAL and time, its
 * verification passed and then failed; a failed backup until the next succeeds; a failing WAL archive; and
 * refused to everyone but the super administrator.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAsSystem } from '../../server/audit/bulk.js';
import { backupEmbeddedDatabase } from '../../server/backup/backup-embedded.js';
import { BackupRefused } from '../../server/backup/backup-refused.js';
import { verifyBackup } from '../../server/backup/verify-backup.js';
import { walArchiveDir } from '../../server/backup/wal-archive.js';
import { readConfig, type Config } from '../../server/config.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { databaseName, ownerRoleName, rolePasswords } from '../../server/db/roles.js';
import type { TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let root: string;
let config: Config;
let server: TestServer;
let superuser: pg.Client;
/** Filled once the server's cluster runs: signing the test users in needs its owner connection. */
const database = {} as TestDatabase;

const status = `{ backups {
  embedded enabled dir count totalBytes walArchiveBytes freeBytes recoverableFrom
  lastBackup { name at stoppedAt sizeBytes serverVersion migration walFrom walTo verifiedAt verified verificationProblems }
  backups { name }
  lastFailure { at message }
  archiving { archivedCount lastArchivedWal lastArchivedAt failedCount lastFailedWal lastFailedAt failing }
} }`;
const backups = async () => {
  const answer = await server.gql(status);
  expect(answer.errors).toBeUndefined();
  return answer.data.backups;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Switches WAL and waits until the segment is archived (waking an archiver resting after failures). */
async function archiveCurrentWal(): Promise<void> {
  const { file } = (await superuser.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`)).rows[0];
  const deadline = Date.now() + 30_000;
  for (let tick = 1; Date.now() < deadline; tick += 1) {
    const { last } = (await superuser.query<{ last: string | null }>(`select last_archived_wal as last from pg_stat_archiver`)).rows[0];
    if (last && last >= file) return;
    if (tick % 20 === 0) await superuser.query(`select pg_logical_emit_message(false, 'crc-test', 'wake'), pg_switch_wal()`);
    await sleep(100);
  }
  throw new Error(`WAL segment ${file} was not archived within 30 s`);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-backup-status-'));
  await fs.chmod(root, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the data directory
  const defaults = readConfig({});
  // Only what makes the server's database its own embedded cluster (the rest is the test server's).
  const own = {
    dataDir: root,
    databaseUrl: undefined,
    databaseOwnerUrl: undefined,
    backup: { ...defaults.backup, dir: path.join(root, 'backups'), walArchive: true, archiveTimeoutMinutes: 0, checkMinutes: 0 },
  };
  config = { ...defaults, ...own };
  server = await startTestServer(database, own);
  await server.db.whenConnected();
  const passwords = await rolePasswords(path.join(root, 'postgres-roles.json'));
  database.ownerUrl = server.db.cluster!.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
  superuser = new pg.Client(server.db.cluster!.connectionOptions(databaseName));
  await superuser.connect();
}, 120_000);

afterAll(async () => {
  await superuser?.end();
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

describe('the backups query', () => {
  it('is refused to everyone but the super administrator', async () => {
    // The scoped users' county.
    await superuser.query('begin');
    await actAsSystem(superuser, 'backup-status-test');
    await superuser.query(`insert into region (code, name, kind, level) values ('990011', '备份测试县', 'PROVINCE', 'PROVINCE')`);
    await superuser.query('commit');
    for (const [role, region] of [
      ['ADMIN', '990011'],
      ['CLERK', '990011'],
      ['LEADER', null],
    ] as const) {
      const answer = await (await server.as(role, region))(`{ backups { count } }`);
      expect(answer.errors?.[0], role).toMatchObject({ message: '只有超级管理员可以查看备份状态', extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('says there is no backup yet, and that the embedded database archives', async () => {
    const before = await backups();
    expect(before).toMatchObject({ embedded: true, enabled: true, dir: config.backup.dir, count: 0, totalBytes: 0, lastBackup: null, backups: [], recoverableFrom: null, lastFailure: null });
    expect(before.archiving).toMatchObject({ failing: false });
    expect(before.freeBytes).toBeGreaterThan(0);
  });

  it('shows a backup taken: its name, time, size and WAL as its manifest says, not yet verified', async () => {
    const { manifest } = await backupEmbeddedDatabase(config);
    const after = await backups();
    const size = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
    expect(size).toBeGreaterThan(1_000_000);
    expect(after).toMatchObject({ count: 1, totalBytes: size, recoverableFrom: manifest.stoppedAt, lastFailure: null, backups: [{ name: manifest.name }] });
    expect(after.lastBackup).toEqual({
      name: manifest.name,
      at: manifest.startedAt,
      stoppedAt: manifest.stoppedAt,
      sizeBytes: size,
      serverVersion: manifest.serverVersion,
      migration: migrationsList.at(-1)!.name,
      walFrom: manifest.wal.startFile,
      walTo: manifest.wal.stopFile,
      verifiedAt: null,
      verified: null,
      verificationProblems: [],
    });
    expect(after.walArchiveBytes).toBeGreaterThan(0);
    expect(after.archiving.archivedCount).toBeGreaterThan(0);
    expect(after.archiving.lastArchivedWal >= manifest.wal.stopFile).toBe(true);
  });

  it('shows its verification, passed, then failed once the backup is spoiled', async () => {
    const { name } = (await backups()).lastBackup;
    const dir = path.join(config.backup.dir, 'base', name);
    const verify = () => verifyBackup({ from: dir, scratchDir: path.join(config.backup.dir, `.verify-${name}`), knownMigrations: migrationsList.map((migration) => migration.name) });
    const passed = await verify();
    expect(passed.problems).toEqual([]);
    expect((await backups()).lastBackup).toMatchObject({ verified: true, verifiedAt: passed.at, verificationProblems: [] });

    const tar = path.join(dir, 'base.tar.gz');
    const bytes = await fs.readFile(tar);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(tar, bytes);
    const failed = await verify();
    expect(failed.ok).toBe(false);
    expect((await backups()).lastBackup).toMatchObject({ verified: false, verifiedAt: failed.at, verificationProblems: ['the backup is corrupted: the checksum of base.tar.gz does not match'] });
  }, 120_000);

  it('shows a failing WAL archive, with the segment PostgreSQL keeps retrying', async () => {
    const wal = walArchiveDir(config.backup.dir);
    await fs.chmod(wal, 0o500);
    try {
      // A record first: a switch from an empty segment switches nothing.
      await superuser.query(`select pg_logical_emit_message(false, 'crc-test', 'fill')`);
      const { file } = (await superuser.query<{ file: string }>(`select pg_walfile_name(pg_switch_wal()) as file`)).rows[0];
      const deadline = Date.now() + 30_000;
      while (!(await backups()).archiving.failing && Date.now() < deadline) await sleep(200);
      expect((await backups()).archiving).toMatchObject({ failing: true, lastFailedWal: file });
    } finally {
      await fs.chmod(wal, 0o700);
    }
    await archiveCurrentWal();
    expect((await backups()).archiving.failing).toBe(false);
  }, 60_000);

  it('shows a failed backup until one succeeds', async () => {
    // Backing up into a directory the cluster does not archive to is refused: a real failure, recorded.
    const elsewhere = { ...config, backup: { ...config.backup, dir: path.join(root, 'elsewhere') } };
    const refusal = await backupEmbeddedDatabase(elsewhere).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BackupRefused);
    const failed = await backups();
    expect(failed.lastFailure.message).toBe((refusal as Error).message);
    expect(failed.lastFailure.message).toContain('the database does not archive its WAL into');
    expect(Date.now() - Date.parse(failed.lastFailure.at)).toBeLessThan(60_000);

    const { manifest } = await backupEmbeddedDatabase(config);
    const after = await backups();
    expect(after.lastFailure).toBeNull();
    // The retention keeps the newest of the day: the new one.
    expect(after).toMatchObject({ count: 1, lastBackup: { name: manifest.name, verified: null } });
  }, 60_000);
});
