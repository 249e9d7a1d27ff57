import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded-cluster.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, useTestServer, type TestServer } from '../support/test-server.js';

describe('the server', () => {
  const env = useTestServer();

  it('answers liveness and readiness', async () => {
    const health = await fetch(`${env.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${env.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('runs a GraphQL query and a mutation, keeping Chinese text intact', async () => {
    const created = await env.server.gql(`mutation { setSetting(key: "secretariat.name", value: "灵台县人大常委会办公室") { key value version } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data.setSetting).toEqual({ key: 'secretariat.name', value: '灵台县人大常委会办公室', version: 1 });
    const read = await env.server.gql(`{ settings { key value version } }`);
    expect(read.data.settings).toContainEqual({ key: 'secretariat.name', value: '灵台县人大常委会办公室', version: 1 });
  });

  it("refuses a stale version with CONFLICT, in the requested language, keeping the other writer's value", async () => {
    await env.server.gql(`mutation { setSetting(key: "stale.probe", value: "first") { version } }`);
    const second = await env.server.gql(`mutation { setSetting(key: "stale.probe", value: "second", version: 1) { version } }`);
    expect(second.data.setSetting.version).toBe(2);
    const stale = await env.server.gql(`mutation { setSetting(key: "stale.probe", value: "third", version: 1) { version } }`, {}, { 'accept-language': 'en-US,en;q=0.9' });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, messages: { zh: expect.any(String), en: expect.any(String) } });
    expect(stale.errors?.[0].message).toBe(stale.errors?.[0].extensions.messages.en);
    expect(stale.errors?.[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const zh = await env.server.gql(`mutation { setSetting(key: "stale.probe", value: "third", version: 1) { version } }`);
    expect(zh.errors?.[0].message).toBe(zh.errors?.[0].extensions.messages.zh);
    const read = await env.server.gql(`{ settings { key value } }`);
    expect(read.data.settings).toContainEqual({ key: 'stale.probe', value: 'second' });
  });

  it('serves the console under /admin, and says how to build it when it is not built', async () => {
    const built = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-admin-'));
    await fs.writeFile(path.join(built, 'index.html'), '<title>人大履职数据台</title>');
    const withConsole = await startTestServer(undefined, { adminDist: built, databaseUrl: 'postgres://x:y@127.0.0.1:1/none', dbRetryMaxMs: 60_000 });
    const withoutConsole = await startTestServer(undefined, { adminDist: path.join(built, 'missing'), databaseUrl: 'postgres://x:y@127.0.0.1:1/none', dbRetryMaxMs: 60_000 });
    try {
      const served = await fetch(`${withConsole.url}/admin/deputies/1`);
      expect([served.status, await served.text()]).toEqual([200, expect.stringContaining('人大履职数据台')]);
      const missing = await fetch(`${withoutConsole.url}/admin/`);
      expect([missing.status, await missing.text()]).toEqual([503, expect.stringContaining('npm run build')]);
    } finally {
      await withConsole.stop();
      await withoutConsole.stop();
      await fs.rm(built, { recursive: true, force: true });
    }
  });
});

describe('a database that is not there yet', () => {
  let database: TestDatabase;
  let server: TestServer | undefined;
  let proxy: net.Server | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    proxy?.close();
    await database?.drop();
  });

  it('keeps the server up with /readyz at 503, and connects once the database answers', async () => {
    // The server is pointed at a port where nothing listens; later a forwarder to the real cluster opens there.
    const port = await freePort();
    const real = new URL(database.appUrl);
    const redirect = (url: string) => {
      const parsed = new URL(url);
      parsed.port = String(port);
      return parsed.toString();
    };
    server = await startTestServer(database, { databaseUrl: redirect(database.appUrl), databaseOwnerUrl: redirect(database.ownerUrl), dbRetryMaxMs: 300 });

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { reason: string }).reason).toBe('database not connected');
    const query = await server.anonymous(`{ settings { key } }`);
    expect(query.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');

    proxy = net.createServer((socket) => {
      const upstream = net.connect(Number(real.port), real.hostname);
      socket.pipe(upstream).pipe(socket);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
    await server.db.whenConnected();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});

describe('a database with migrations pending', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    // No owner URL: the server may not migrate, so the pending migrations keep it unready.
    server = await startTestServer(database, { databaseOwnerUrl: undefined });
    await server.db.whenConnected();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers /readyz with 503 naming the pending migrations', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^\d+ migration\(s\) pending$/);
  });
});
