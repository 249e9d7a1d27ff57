/**
 * Backups of an EXTERNAL database (DATABASE_URL set): the test cluster's databases play the external server, reached
 * by SQL only. A logical backup taken by `npm run backup` while audited writes flow holds exactly the commits before
 * its snapshot; `npm run restore` loads it into an empty database with every row, no new audit entry and a chain
 * that verifies; a spoiled backup is refused by the restore and failed by `backup:verify`; a database that is not
 * empty is refused and left as it was; --until is refused.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { readAnyManifest, type LogicalManifest } from '../../server/backup/backup-manifest.js';
import { baseBackupsDir } from '../../server/backup/base-backup.js';
import { leftOutTables } from '../../server/backup/logical-tables.js';
import { restoreLogicalBackup } from '../../server/backup/logical-restore.js';
import { applyRetention, listBackups } from '../../server/backup/retention.js';
import { backupPlaceOf, readBackupStatus } from '../../server/backup/backup-status.js';
import { verificationName, verifyBackup } from '../../server/backup/verify-backup.js';
import { readConfig } from '../../server/config.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { insertRegion, runBackupCli, whileWriting } from './backup-cli.js';

const knownMigrations = migrationsList.map((migration) => migration.name);
let root: string;
let backupDir: string;
let source: TestDatabase;
let owner: pg.Client;
const databases: TestDatabase[] = [];
let backup: string;
let manifest: LogicalManifest;
const committed: { code: string; at: number }[] = [];
let cli: { code: number | null; output: string };

/** Runs one of the backup CLIs as `npm run` does, against `database` as the external one. */
function runCli(script: string, database: TestDatabase, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return runBackupCli(script, args, { DATABASE_URL: database.appUrl, DATABASE_OWNER_URL: database.ownerUrl, DATA_DIR: path.join(root, 'data'), BACKUP_DIR: backupDir, LOG_LEVEL: 'warn' });
}

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  return database;
}

async function onDatabase<T>(database: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await database.superClient();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const relationCount = (database: TestDatabase) =>
  onDatabase(
    database,
    async (client) => (await client.query<{ n: number }>(`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`)).rows[0].n,
  );

/** A copy of the backup, for spoiling. */
async function copyOfBackup(name: string): Promise<string> {
  const copy = path.join(root, name);
  await fs.cp(backup, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-logical-'));
  await fs.chmod(root, 0o755); // as root, the verification's cluster runs as the postgres user
  backupDir = path.join(root, 'backups');
  source = await createTestDatabase();
  databases.push(source);
  owner = new pg.Client({ connectionString: source.ownerUrl });
  await owner.connect();
  await insertRegion(owner, '700000001');
  // A session and a rate-limit counter: left out of the backup by design.
  await owner.query(`insert into rate_limit (key, points, expire) values ('test', 1, now() + interval '1 minute')`).catch(() => undefined);

  // `npm run backup` while audited writes flow in another connection.
  const flow = await whileWriting(source.ownerUrl, () => runCli('backup.cli.ts', source));
  cli = flow.result;
  committed.push(...flow.committed);
  const [name] = await fs.readdir(baseBackupsDir(backupDir)).catch(() => []);
  if (!name) throw new Error(`npm run backup wrote no backup: ${cli.output}`);
  backup = path.join(baseBackupsDir(backupDir), name);
  manifest = (await readAnyManifest(backup)) as LogicalManifest;
}, 120_000);

afterAll(async () => {
  await owner?.end().catch(() => undefined);
  for (const database of databases) await database.drop().catch(() => undefined);
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('a logical backup of an external database', () => {
  it('is written by npm run backup as one snapshot while writes flow: every table but those left out, a file each', async () => {
    expect(cli.output).toContain('backup written');
    expect(cli.output).toContain('logical (external database)');
    expect(cli.code).toBe(0);
    expect(manifest).toMatchObject({ kind: 'logical', leftOut: [...leftOutTables], migrations: { last: knownMigrations.at(-1) } });
    const tables = manifest.tables.map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(['region', 'audit_entry', 'audit_head', 'app_user', 'suggestion', 'mikro_orm_migrations', 'setting']));
    for (const left of leftOutTables) expect(tables).not.toContain(left);
    // Every referenced table comes before the tables that refer to it.
    expect(tables.indexOf('region')).toBeLessThan(tables.indexOf('person'));
    expect(tables.indexOf('person')).toBeLessThan(tables.indexOf('deputy'));
    expect(Object.keys(manifest.files).sort()).toEqual(manifest.tables.map((table) => table.file).sort());
    expect(manifest.sequences.map((sequence) => sequence.name)).toContain('region_id_seq');

    // One snapshot: exactly the writes committed before it, though writes went on during the backup.
    const holds = committed.filter((row) => row.at < new Date(manifest.holdsCommitsBefore).getTime()).length;
    const during = committed.filter((row) => row.at > new Date(manifest.holdsCommitsBefore).getTime() && row.at < new Date(manifest.stoppedAt).getTime()).length;
    console.log(`logical backup while writing: ${during} commits during it; ${Object.keys(manifest.files).length} files`);
    expect(during).toBeGreaterThan(0);
    expect(manifest.rowCounts.region).toBeGreaterThanOrEqual(holds + 1);
    expect(manifest.rowCounts.region).toBeLessThan(committed.length + 1);
  });

  it('is restored by npm run restore into an empty database: every row, no new audit entry, the chain verifies, writes go on', async () => {
    const target = await emptyDatabase();
    const restore = await runCli('restore.cli.ts', target, ['--from', backup]);
    expect(restore.output).toContain('restored: logical backup');
    expect(restore.code).toBe(0);
    await onDatabase(target, async (client) => {
      const codes = (await client.query<{ code: string }>(`select code from region where code like '9%' order by code`)).rows.map((row) => row.code);
      // Exactly the commits before the snapshot: a prefix of the writer's sequence, all before holdsCommitsBefore in it.
      expect(codes).toEqual(committed.slice(0, codes.length).map((row) => row.code));
      expect(codes.length).toBeGreaterThanOrEqual(committed.filter((row) => row.at < new Date(manifest.holdsCommitsBefore).getTime()).length);
      for (const table of manifest.tables)
        expect({ table: table.name, rows: Number((await client.query(`select count(*) as n from "${table.name}"`)).rows[0].n) }).toEqual({ table: table.name, rows: table.rows });
      // The tables' triggers were off for the load: the live-row counts they keep are the backup's, not doubled.
      for (const { table_name, live } of (await client.query<{ table_name: string; live: string }>(`select table_name, live from row_count`)).rows) {
        const actual = (await client.query<{ n: string }>(`select count(*) as n from "${table_name}" where deleted_at is null`)).rows[0].n;
        expect({ table_name, live }).toEqual({ table_name, live: actual });
      }
      const audit = await verifyAuditTrail(client);
      expect(audit).toMatchObject({ ok: true, entries: manifest.rowCounts.audit_entry });
      // The triggers are back on and the sequences set: a new write gets a new id and its audit entry.
      await insertRegion(client, '700000002');
      const after = await verifyAuditTrail(client);
      expect(after).toMatchObject({ ok: true, entries: manifest.rowCounts.audit_entry + 1 });
    });
  });

  it('is refused by npm run restore over a database that is not empty, which is left as it was', async () => {
    const before = (await owner.query(`select count(*)::int as n from region`)).rows[0].n;
    const restore = await runCli('restore.cli.ts', source, ['--from', backup]);
    expect(restore.code).toBe(1);
    expect(restore.output).toContain('不是空的');
    expect(restore.output).toMatch(/the target database crc_test_\w+ is not empty \(\d+ tables, views or sequences/);
    expect((await owner.query(`select count(*)::int as n from region`)).rows[0].n).toBe(before);
  });

  it('is refused when corrupted, truncated, newer than the code, or asked for a point in time; the target stays empty', async () => {
    const target = await emptyDatabase();
    const refusal = (from: string, until?: Date) =>
      restoreLogicalBackup({ from, ownerUrl: target.ownerUrl, knownMigrations, until }).then(
        () => new Error('restored'),
        (error: Error) => error,
      );
    const flipped = await copyOfBackup('flipped');
    const region = path.join(flipped, 'region.copy.gz');
    const bytes = await fs.readFile(region);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(region, bytes);
    expect(await refusal(flipped)).toMatchObject({ zh: expect.stringContaining('备份已损坏'), en: 'the backup is corrupted: the checksum of region.copy.gz does not match' });

    const truncated = await copyOfBackup('truncated');
    await fs.truncate(path.join(truncated, 'audit_entry.copy.gz'), manifest.files['audit_entry.copy.gz'].bytes - 10);
    expect(await refusal(truncated)).toMatchObject({ en: expect.stringMatching(/audit_entry\.copy\.gz has \d+ bytes, not \d+ \(truncated/) });

    const newer = await copyOfBackup('newer');
    await fs.writeFile(
      path.join(newer, 'manifest.json'),
      JSON.stringify({ ...manifest, migrations: { applied: [...manifest.migrations.applied, 'Migration29990101000000_future'], last: 'Migration29990101000000_future' } }),
    );
    expect(await refusal(newer)).toMatchObject({ en: expect.stringContaining('newer than this code') });

    expect(await refusal(backup, new Date())).toMatchObject({ en: expect.stringContaining('point-in-time recovery of an external database is its own WAL archiving') });
    expect(await relationCount(target)).toBe(0);

    // A failure once the migrations have run (a table's rows not the manifest's): what they created goes again.
    const miscounted = await copyOfBackup('miscounted');
    const tables = manifest.tables.map((table) => (table.name === 'region' ? { ...table, rows: table.rows + 1 } : table));
    await fs.writeFile(path.join(miscounted, 'manifest.json'), JSON.stringify({ ...manifest, tables }));
    expect(await refusal(miscounted)).toMatchObject({ en: expect.stringMatching(/^the restore failed, and the target database was emptied again: region: \d+ rows loaded, \d+ in the manifest$/) });
    expect(await relationCount(target)).toBe(0);

    const verification = await verifyBackup({ from: flipped, scratchDir: path.join(root, 'verify-flipped'), knownMigrations });
    expect(verification).toMatchObject({ ok: false, problems: ['the backup is corrupted: the checksum of region.copy.gz does not match'] });
    expect(JSON.parse(await fs.readFile(path.join(flipped, verificationName), 'utf8'))).toMatchObject({ ok: false });
  });

  it('is verified by npm run backup:verify in a throwaway embedded cluster: exact rows and the audit chain', async () => {
    const verify = await runCli('backup-verify.cli.ts', source);
    expect(verify.output).toContain('backup verified');
    expect(verify.code).toBe(0);
    const verification = JSON.parse(await fs.readFile(path.join(backup, verificationName), 'utf8'));
    expect(verification).toMatchObject({ ok: true, problems: [], auditEntries: manifest.rowCounts.audit_entry });
    for (const table of manifest.tables) expect(verification.rowCounts[table.name]).toEqual({ manifest: table.rows, restored: table.rows });
  });

  it('is listed and kept by the retention, which leaves the WAL archive alone, and shown on the backup page', async () => {
    const wal = path.join(backupDir, 'wal');
    await fs.mkdir(wal, { recursive: true });
    await fs.writeFile(path.join(wal, '000000010000000000000001.gz'), 'an external archive segment');
    expect(await listBackups(backupDir)).toEqual([{ name: manifest.name, at: new Date(manifest.startedAt), startWal: undefined }]);
    expect(await applyRetention(backupDir, { keepDaily: 7, keepWeekly: 4 })).toEqual({ kept: [manifest.name], removed: [], walRemoved: 0 });
    expect(await fs.readdir(wal)).toEqual(['000000010000000000000001.gz']);

    const config = readConfig({ DATABASE_URL: source.appUrl, DATABASE_OWNER_URL: source.ownerUrl, DATA_DIR: path.join(root, 'data'), BACKUP_DIR: backupDir });
    const status = await readBackupStatus(backupPlaceOf(config), async <T>(text: string) => (await owner.query(text)).rows as T[]);
    const size = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
    expect(status).toMatchObject({ embedded: false, enabled: false, dir: backupDir, totalBytes: size, lastFailure: null });
    expect(status.backups).toEqual([expect.objectContaining({ name: manifest.name, kind: 'logical', walFrom: null, walTo: null, sizeBytes: size, verified: true })]);
  });
});
