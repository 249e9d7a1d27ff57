/**
 * PostgreSQL restarted while requests flow (a cluster of this test's own, on loopback): the process
 * survives, requests while it is down get SERVICE_UNAVAILABLE, /readyz answers 503 and /healthz 200, and
 * service resumes within 10 s of the database's return, with nothing half written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedCluster } from '../../server/db/embedded-cluster.js';
import { startOwnCluster, type OwnCluster } from '../support/own-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let own: OwnCluster;
let cluster: EmbeddedCluster;
let server: TestServer;

beforeAll(async () => {
  own = await startOwnCluster('restart');
  cluster = own.cluster;
  server = await startTestServer(own.database, { dbRetryMaxMs: 500 });
  await server.db.whenConnected();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
  await own?.remove();
});

describe('a database restart under load', () => {
  it('is survived: SERVICE_UNAVAILABLE and 503 while down, served again within 10 s of its return', async () => {
    const admin = await server.as('ADMIN');
    const created = await admin(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`);
    const id = created.data.createRegion.id;
    const port = cluster.port;

    // Requests keep flowing while the database stops.
    let flowing = true;
    const codes: string[] = [];
    const flow = (async () => {
      while (flowing) {
        const answer = await admin(`{ region(id: "${id}") { name } }`).catch(() => undefined);
        codes.push(answer?.errors?.[0].extensions.code ?? (answer ? 'ok' : 'no answer'));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const down = await admin(`{ region(id: "${id}") { name } }`);
    expect(down.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    cluster = await EmbeddedCluster.start(own.baseDir, { port });
    const back = Date.now();
    let served = false;
    while (!served && Date.now() - back < 10_000) {
      served = !(await admin(`{ region(id: "${id}") { name } }`)).errors;
      if (!served) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - back) / 1000;
    flowing = false;
    await flow;
    console.log(`database restart: served again ${seconds.toFixed(1)} s after its return; answers while flowing: ${[...new Set(codes)].join(', ')}`);
    expect(served).toBe(true);
    expect(codes.every((code) => code === 'ok' || code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await admin(`{ region(id: "${id}") { name } }`)).data.region.name).toBe('甘肃省');
  }, 120_000);
});
