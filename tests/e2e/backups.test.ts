/**
 * The backup page in Chromium, on a server running its own embedded cluster (a data directory of this test's):
 * the super administrator finds 备份与恢复 in the menu and reads a real backup (its name, size, verification)
 * and the failed backup after it, in red; a leader has no such entry and is refused the page.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../admin/src/backups/backupStatus.js';
import { backupEmbeddedDatabase } from '../../server/backup/backup-embedded.js';
import { verifyBackup } from '../../server/backup/verify-backup.js';
import { readConfig, type Config } from '../../server/config.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { databaseName, ownerRoleName, rolePasswords } from '../../server/db/roles.js';
import type { UserRole } from '../../schema/shared/enums.js';
import type { TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { launchBrowser, openSession, type Session } from './support/browser.js';

let root: string;
let server: TestServer;
let browser: Browser;
let backupName: string;
let backupBytes: number;
let failure: string;
const database = {} as TestDatabase;

async function signedIn(role: UserRole): Promise<Session> {
  const { cookie } = await server.as(role, null);
  const separator = cookie.indexOf('=');
  const session = await openSession(browser, server.url);
  await session.context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: server.url, httpOnly: true, sameSite: 'Strict' }]);
  return session;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-e2e-backups-'));
  await fs.chmod(root, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the data directory
  const defaults = readConfig({});
  const own = { dataDir: root, databaseUrl: undefined, databaseOwnerUrl: undefined, backup: { ...defaults.backup, dir: path.join(root, 'backups'), archiveTimeoutMinutes: 0, checkMinutes: 0 } };
  const config: Config = { ...defaults, ...own };
  server = await startTestServer(database, own);
  await server.db.whenConnected();
  const passwords = await rolePasswords(path.join(root, 'postgres-roles.json'));
  database.ownerUrl = server.db.cluster!.url({ user: ownerRoleName, password: passwords.owner }, databaseName);

  const backup = await backupEmbeddedDatabase(config);
  backupName = backup.manifest.name;
  backupBytes = Object.values(backup.manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  const verification = await verifyBackup({ from: backup.dir, scratchDir: path.join(root, 'backups', '.verify'), knownMigrations: migrationsList.map((migration) => migration.name) });
  expect(verification.problems).toEqual([]);
  // Then a backup that fails: into a directory the cluster does not archive to.
  failure = await backupEmbeddedDatabase({ ...config, backup: { ...config.backup, dir: path.join(root, 'elsewhere') } }).then(
    () => '',
    (error: Error) => error.message,
  );
  expect(failure).toContain('does not archive its WAL');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

describe('the backup page', () => {
  it('shows the super administrator the latest backup, its verification, and the failure after it in red', async () => {
    const admin = await signedIn('ADMIN');
    const { page } = admin;
    await page.goto('/admin/');
    await page.getByTestId('menu-backups').click();
    await expect.poll(() => page.url()).toMatch(/#\/backups$/);
    const verdict = page.getByTestId('backups-verdict');
    await expect.poll(() => verdict.innerText()).toBe('最近一次备份失败，此后没有成功的备份。');
    expect(await verdict.getAttribute('class')).toContain('MuiAlert-colorError');
    const failed = page.getByTestId('backups-failure');
    expect(await failed.innerText()).toContain(failure.split(' / ')[0]);
    expect(await failed.getAttribute('class')).toContain('MuiAlert-colorError');
    const latest = await page.getByTestId('backups-latest').innerText();
    expect(latest).toContain(backupName);
    expect(latest).toContain(formatBytes(backupBytes));
    expect(latest).toMatch(/已于 \d{4}年\d+月\d+日 \d{2}:\d{2} 验证通过/);
    expect(await page.getByTestId('backups-archive').innerText()).toContain('WAL 归档正常。');
    expect(await page.getByTestId('backups-list').innerText()).toContain(backupName);
    await admin.shot('90-backups');
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('is not offered to a leader, and refused if asked for', async () => {
    const leader = await signedIn('LEADER');
    const { page } = leader;
    await page.goto('/admin/');
    await expect.poll(() => page.getByTestId('menu-workbench').count()).toBe(1);
    expect(await page.getByTestId('menu-backups').count()).toBe(0);
    await page.goto('/admin/#/backups');
    await expect.poll(() => page.getByTestId('backups-page').innerText()).toContain('只有超级管理员可以查看备份状态');
    await leader.context.close();
  });
});
