import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterPaths, freePort } from '../../server/db/embedded-cluster.js';
import { databaseName, ownerRoleName } from '../../server/db/roles.js';
import { gql, signIn, spawnServer } from '../support/server-process.js';
import { createUserWith, testPassword } from '../support/test-server.js';

/** The owner's connection to the embedded cluster a server process started under `dataDir`. */
async function ownerClient(dataDir: string): Promise<pg.Client> {
  const paths = clusterPaths(dataDir);
  const port = Number((await fs.readFile(path.join(paths.pgdata, 'postmaster.pid'), 'utf8')).split('\n')[3]);
  const passwords = JSON.parse(await fs.readFile(path.join(dataDir, 'postgres-roles.json'), 'utf8'));
  const client = new pg.Client({ host: '127.0.0.1', port, user: ownerRoleName, password: passwords.owner, database: databaseName });
  await client.connect();
  return client;
}

describe('the embedded database across a SIGTERM', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-lifecycle-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('completes a transaction in flight at SIGTERM, stops cleanly, and keeps its rows at the next start', async () => {
    const first = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()), DEMO_DATA: 'off' });
    await first.waitUntilReady();
    const owner = await ownerClient(dataDir);
    await createUserWith(owner, { username: 'lifecycle', role: 'ADMIN' });
    await owner.end();
    const cookie = await signIn(first.url, 'lifecycle', testPassword);
    const created = await gql(first.url, `mutation { setSetting(key: "durable", value: "before") { version } }`, cookie);
    expect(created.data.setSetting.version).toBe(1);

    // Hold the row's lock so the server's update transaction is provably in flight when the signal lands.
    const blocker = await ownerClient(dataDir);
    await blocker.query('begin');
    await blocker.query(`select * from setting where key = 'durable' for update`);
    const update = gql(first.url, `mutation { setSetting(key: "durable", value: "after", version: 1) { value version } }`, cookie);
    for (let waited = 0; ; waited += 50) {
      const { rows } = await blocker.query(`select count(*)::int as waiting from pg_locks where not granted`);
      if (rows[0].waiting === 1) break;
      if (waited > 10_000) throw new Error('the update never blocked');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGTERM');
    await first.waitForOutput(/SIGTERM: draining/);
    // Draining: new connections are refused while the update waits.
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    expect(first.child.exitCode).toBeNull();
    await blocker.query('commit');
    await blocker.end();

    expect(await update).toEqual({ data: { setSetting: { value: 'after', version: 2 } } });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopped cleanly/);
    const postgresLog = await fs.readFile(clusterPaths(dataDir).log, 'utf8');
    expect(postgresLog).toMatch(/database system is shut down/);
    await expect(fs.access(path.join(clusterPaths(dataDir).pgdata, 'postmaster.pid'))).rejects.toThrow();

    const second = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()), DEMO_DATA: 'off' });
    await second.waitUntilReady();
    expect(second.output()).not.toMatch(/applied \d+ migration/);
    const read = await gql(second.url, `{ settings { key value version } }`, cookie);
    expect(read.data.settings).toEqual([{ key: 'durable', value: 'after', version: 2 }]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});

describe('bad start-up conditions', () => {
  let blocker: net.Server;
  let takenPort: number;
  beforeAll(async () => {
    takenPort = await freePort();
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(takenPort, '0.0.0.0', resolve));
  });
  afterAll(() => blocker.close());

  it('names a taken port in one line and exits non-zero', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-port-'));
    const server = spawnServer({ DATA_DIR: dataDir, PORT: String(takenPort) });
    const code = await server.exited;
    await fs.rm(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(server.output()).toMatch(new RegExp(`cannot start: port ${takenPort} is already in use`));
    expect(server.output()).not.toMatch(/\n\s+at /); // no stack trace
    // The port is checked before the embedded database is created.
    await expect(fs.access(path.join(dataDir, 'postgres'))).rejects.toThrow();
  });

  it('names the unreachable database host and cause, stays up with /readyz 503, and exits cleanly', async () => {
    const deadPort = await freePort();
    const server = spawnServer({
      PORT: String(await freePort()),
      DATABASE_URL: `postgres://crc_app:secret@127.0.0.1:${deadPort}/crc`,
      DB_RETRY_MAX_MS: '500',
    });
    await server.waitForOutput(new RegExp(`database unreachable at 127\\.0\\.0\\.1:${deadPort}/crc \\(ECONNREFUSED`));
    await server.waitForOutput(/retrying in/);
    expect(server.output()).not.toMatch(/secret/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
