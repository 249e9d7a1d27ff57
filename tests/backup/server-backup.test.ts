/**
 * The server as `npm start` runs it, on a data directory of its own: its embedded cluster archives WAL into
 * DATA_DIR/backups/wal, it takes its daily backup once the hour has come, and still stops cleanly.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../server/backup/backup-manifest.js';
import { freePort } from '../../server/db/embedded-cluster.js';
import { spawnServer } from '../support/server-process.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-server-backup-'));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

describe('the server', () => {
  it('archives its WAL, backs itself up once the hour has come, and stops cleanly', async () => {
    const server = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()), DEMO_DATA: 'off', BACKUP_HOUR: '0', BACKUP_CHECK_MINUTES: '1' });
    try {
      await server.waitUntilReady();
      await server.waitForOutput(/daily backup written/, 60_000);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/stopped cleanly/);
    expect(server.output()).not.toMatch(/ERROR/);

    const base = path.join(dataDir, 'backups', 'base');
    const [name, ...others] = await fs.readdir(base);
    expect(others).toEqual([]);
    const manifest = await readManifest(path.join(base, name));
    expect(manifest.rowCounts).toHaveProperty('audit_entry');
    // Every segment the backup needs is in the archive too.
    const archived = await fs.readdir(path.join(dataDir, 'backups', 'wal'));
    expect(archived).toEqual(expect.arrayContaining(manifest.wal.files));
  });
});
